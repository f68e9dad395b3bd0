import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { useDebounced } from "./useDebounced";

/**
 * A text field whose value lives in the URL's query string. Typing updates local state at once (so no keystroke is
 * lost to a router round trip) and reaches the URL once typing pauses; navigation (links, back/forward) that changes
 * the URL flows back into the field.
 */
export function useUrlText(key: string, ms = 250): [string, (value: string) => void] {
  const [search, setSearch] = useSearchParams();
  const fromUrl = search.get(key) ?? "";
  const [value, setValue] = useState(fromUrl);
  const synced = useRef(fromUrl);
  useEffect(() => {
    if (fromUrl !== synced.current) {
      synced.current = fromUrl;
      setValue(fromUrl);
    }
  }, [fromUrl]);
  const settled = useDebounced(value, ms);
  useEffect(() => {
    if (settled === synced.current) return;
    synced.current = settled;
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (settled === "") next.delete(key);
        else next.set(key, settled);
        return next;
      },
      { replace: true },
    );
  }, [settled, key, setSearch]);
  return [value, setValue];
}
