/** "Save as staged", beside an apply button: the editor's and the wizards' one switch to write a staged policy. */
export function StagedToggle({ checked, onChange }: { checked: boolean; onChange: (staged: boolean) => void }) {
  return (
    <label className="staged-toggle" title="Calico reports what a staged policy would do and enforces nothing">
      <input
        type="checkbox"
        className="staged-toggle-box"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>Save as staged</span>
    </label>
  );
}
