import { useState } from 'preact/hooks';
import { api, query } from '../../api/client';
import type { Timeliness } from '../../api/types';
import { BarChart } from '../../charts/bar-chart';
import { durationUnit, formatInUnit, inUnit } from '../../charts/duration-unit';
import { Loading, ProblemAlert } from '../../components/problem';
import { useAsync } from '../../hooks/use-async';
import { useI18n } from '../../i18n/i18n';
import { LOCALES } from '../../i18n/language';

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Timeliness: exchange delay upload → acknowledgement per province (p50/p90), overdue mandates, throughput per day. */
export function DashboardPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const [from, setFrom] = useState(isoDay(new Date(Date.now() - 29 * 86_400_000)));
  const [to, setTo] = useState(isoDay(new Date()));
  const stats = useAsync(
    (signal) =>
      api<Timeliness>(
        'GET',
        `/api/stats/timeliness${query({ from: `${from}T00:00:00.000Z`, to: `${to}T23:59:59.999Z` })}`,
        undefined,
        { signal },
      ),
    [from, to],
  );
  const s = stats.data;
  // the delay chart's unit (seconds, minutes, hours or days) follows its largest value
  const unit = durationUnit(Math.max(0, ...(s?.byProvince.map((p) => p.p90Ms) ?? [])));
  return (
    <section class="wide">
      <h1>{t('dashboard.title')}</h1>
      <div class="toolbar">
        <label for="dash-from">{t('dashboard.from')}</label>
        <input
          id="dash-from"
          type="date"
          value={from}
          onChange={(e) => setFrom((e.target as HTMLInputElement).value)}
        />
        <label for="dash-to">{t('dashboard.to')}</label>
        <input
          id="dash-to"
          type="date"
          value={to}
          onChange={(e) => setTo((e.target as HTMLInputElement).value)}
        />
      </div>
      <ProblemAlert error={stats.error} />
      {!s && !stats.error && <Loading />}
      {s && (
        <>
          <div class="kpis">
            <div class={`kpi${s.overdue > 0 ? ' kpi-alert' : ''}`} data-testid="kpi-overdue">
              <span class="kpi-value">{i18n.number(s.overdue)}</span>
              <span class="kpi-label">{t('dashboard.overdue')}</span>
            </div>
            <div class="kpi">
              <span class="kpi-value">{i18n.number(s.byProvince.reduce((n, p) => n + p.count, 0))}</span>
              <span class="kpi-label">{t('dashboard.acknowledged')}</span>
            </div>
            <div class="kpi">
              <span class="kpi-value">{i18n.number(s.perDay.reduce((n, d) => n + d.uploaded, 0))}</span>
              <span class="kpi-label">{t('dashboard.uploaded')}</span>
            </div>
          </div>
          <div class="charts" data-testid="charts">
            <BarChart
              title={t('dashboard.delayChart')}
              categories={s.byProvince.map((p) => t(`provinceShort.${p.province}`))}
              series={[
                {
                  name: 'p50',
                  values: inUnit(
                    s.byProvince.map((p) => p.p50Ms),
                    unit,
                  ),
                  className: 'series-a',
                },
                {
                  name: 'p90',
                  values: inUnit(
                    s.byProvince.map((p) => p.p90Ms),
                    unit,
                  ),
                  className: 'series-b',
                },
              ]}
              format={(v) => formatInUnit(v, unit, LOCALES[i18n.language])}
            />
            <BarChart
              title={t('dashboard.throughputChart')}
              categories={s.perDay.map((d) => i18n.date(d.day).replace(/\s?\d{4}$/, ''))}
              series={[
                {
                  name: t('dashboard.uploaded'),
                  values: s.perDay.map((d) => d.uploaded),
                  className: 'series-a',
                },
                {
                  name: t('dashboard.acknowledged'),
                  values: s.perDay.map((d) => d.acknowledged),
                  className: 'series-b',
                },
              ]}
              format={(v) => i18n.number(v)}
              integer
            />
          </div>
        </>
      )}
    </section>
  );
}
