import { useEffect, useState } from 'preact/hooks';
import { agencies } from '../api/agencies';
import type { Agency } from '../api/types';
import { useI18n } from '../i18n/i18n';

/** The agency directory once loaded (empty until then). */
export function useAgencyMap(): Map<string, Agency> {
  const [map, setMap] = useState<Map<string, Agency>>(new Map());
  useEffect(() => {
    let live = true;
    agencies().then(
      (m) => live && setMap(m),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return map;
}

/** An agency's name in the user's language, with its id as a tooltip; the id when it is unknown. */
export function AgencyName({ id, agency }: { id: string | null | undefined; agency?: Agency }) {
  const i18n = useI18n();
  const map = useAgencyMap();
  if (!id) return <span class="muted">—</span>;
  const a = agency ?? map.get(id);
  return <span title={id}>{a ? i18n.name(a.name) || id : id}</span>;
}
