import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { Routing } from '../../api/types';
import { ProblemAlert } from '../../components/problem';
import { RoutingView } from '../../components/routing-view';
import { useI18n } from '../../i18n/i18n';
import { StateBadge } from './rollout-state-badge';
import type { RolloutProvince as ProvinceRollout, RoutedMunicipality } from '../../api/types';

/**
 * The province at a glance: its municipalities grouped by arrondissement and police zone, each
 * coloured and labelled by the state routing applies; choosing one opens its routing.
 */
export function RolloutPicture({ view }: { view: ProvinceRollout }) {
  const { t, name } = useI18n();
  const [open, setOpen] = useState<{ m: RoutedMunicipality; routing?: Routing; error?: unknown }>();

  async function show(m: RoutedMunicipality) {
    setOpen({ m });
    try {
      const routing = await api<Routing>(
        'GET',
        `/api/routing/preview${query({ nis: m.nis, measure: 'conditional_release' })}`,
      );
      setOpen({ m, routing });
    } catch (error) {
      setOpen({ m, error });
    }
  }

  return (
    <div class="rollout-picture" data-testid="rollout-picture">
      <h3>{t('rollout.picture.title')}</h3>
      <p class="muted">{t('rollout.picture.intro')}</p>
      <StateBadge count={view} testId={`picture-state-${view.province}`} />
      {view.arrondissements.map((a) => {
        const here = view.municipalities.filter((m) => m.arrondissement === a.name);
        const zones = [...new Set(here.map((m) => m.policeZoneId))];
        return (
          <section key={a.name} class="rollout-arrondissement">
            <h4>
              {a.name} <StateBadge count={a} testId={`picture-arr-${a.name.replace(/\W+/g, '-')}`} />
            </h4>
            {zones.map((z) => (
              <div key={z ?? 'none'} class="rollout-zone">
                <h5>
                  {z === null
                    ? t('rollout.picture.noZone')
                    : `${name(here.find((m) => m.policeZoneId === z)?.policeZoneName ?? {}) || z} (${z})`}
                </h5>
                <ul class="muni-grid">
                  {here
                    .filter((m) => m.policeZoneId === z)
                    .map((m) => (
                      <li key={m.nis}>
                        <button
                          type="button"
                          class={`muni muni-${m.live ? 'live' : 'old'}`}
                          data-testid={`muni-${m.nis}`}
                          data-live={m.live ? 'true' : 'false'}
                          onClick={() => show(m)}
                        >
                          {name(m.name)}{' '}
                          <span class="muni-state">
                            {t(m.live ? 'rollout.state.live' : 'rollout.state.old_channel')}
                          </span>
                        </button>
                      </li>
                    ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
      {open && (
        <div class="card" data-testid="rollout-municipality" role="region" aria-label={name(open.m.name)}>
          <h4>
            {name(open.m.name)} ({open.m.nis})
          </h4>
          <ProblemAlert error={open.error} />
          {open.routing && <RoutingView routing={open.routing} />}
          <button type="button" onClick={() => setOpen(undefined)}>
            {t('rollout.picture.close')}
          </button>
        </div>
      )}
    </div>
  );
}
