import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { RoutingTableSummary, Whoami } from '../../api/types';
import { useI18n } from '../../i18n/i18n';

export const PROVINCES = [
  'BE-VAN',
  'BE-VBR',
  'BE-VLI',
  'BE-VOV',
  'BE-VWV',
  'BE-WBR',
  'BE-WHT',
  'BE-WLG',
  'BE-WLX',
  'BE-WNA',
  'BE-BRU',
] as const;

/**
 * The province a routing page works on: a coordinator's own; an admin picks one (remembered in the
 * URL-independent session state of the page).
 */
export function ProvinceScope({
  me,
  children,
}: {
  me: Whoami;
  children: (province: string) => ComponentChildren;
}) {
  const { t } = useI18n();
  const [province, setProvince] = useState<string>(
    me.province ?? sessionStorage.getItem('iplus.province') ?? 'BE-WHT',
  );
  const [known, setKnown] = useState<string[]>([...PROVINCES]);
  useEffect(() => {
    if (me.province) return;
    api<RoutingTableSummary[]>('GET', '/api/routing/tables').then(
      (tables) => tables.length && setKnown(tables.map((x) => x.province)),
      () => undefined,
    );
  }, [me.province]);
  if (me.province) return <>{children(me.province)}</>;
  return (
    <>
      <div class="toolbar">
        <label for="province-scope">{t('routing.province')}</label>
        <select
          id="province-scope"
          value={province}
          onChange={(e) => {
            const p = (e.target as HTMLSelectElement).value;
            sessionStorage.setItem('iplus.province', p);
            setProvince(p);
          }}
        >
          {known.map((p) => (
            <option key={p} value={p}>
              {t(`province.${p}`)}
            </option>
          ))}
        </select>
      </div>
      {children(province)}
    </>
  );
}
