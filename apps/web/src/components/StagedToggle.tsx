/** "Save as staged": the editor's and the wizards' choice to write policies as their staged kinds. */
export function StagedToggle({ checked, onChange }: { checked: boolean; onChange: (checked: boolean) => void }) {
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
