import { useEffect, useMemo, useState } from 'preact/hooks';
import { whenUnauthenticated } from './api/client';
import { logout, whoami } from './api/session';
import type { Whoami } from './api/types';
import { LanguageSwitch } from './components/language-switch';
import { Loading, ProblemAlert } from './components/problem';
import {
  I18nContext,
  initialLanguage,
  makeI18n,
  rememberLanguage,
  storedLanguage,
  useI18n,
} from './i18n/i18n';
import { asLanguage, type Language } from './i18n/language';
import { homeOf, navFor } from './nav';
import { AuditPage } from './pages/admin/audit';
import { DeliveryPage } from './pages/admin/delivery';
import { DataProtectionPage } from './pages/admin/data-protection';
import { UsersPage } from './pages/admin/users';
import { ModelerPage } from './pages/analyst/modeler';
import { ModelsPage } from './pages/analyst/models';
import { ModelReviewPage } from './pages/analyst/model-review';
import { DecisionDetailPage } from './pages/clerk/decision-detail';
import { DecisionsPage } from './pages/clerk/decisions';
import { NotificationsPage } from './pages/clerk/notifications';
import { UploadPage } from './pages/clerk/upload';
import { PreviewPage } from './pages/coordinator/preview';
import { ProvinceScope } from './pages/coordinator/province-scope';
import { RolloutPage } from './pages/coordinator/rollout';
import { RoutingTablePage } from './pages/coordinator/routing-table';
import { RoutingTestsPage } from './pages/coordinator/routing-tests';
import { VersionsPage } from './pages/coordinator/versions';
import { InboxPage } from './pages/inbox/inbox';
import { MandateDetailPage } from './pages/inbox/mandate-detail';
import { LoginPage } from './pages/login';
import { DashboardPage } from './pages/operations/dashboard';
import { IncidentsPage } from './pages/operations/incidents';
import { InstanceDetailPage } from './pages/operations/instance-detail';
import { InstancesPage } from './pages/operations/instances';
import { MigrationPage } from './pages/operations/migration';
import { TaskDetailPage } from './pages/tasks/task-detail';
import { TasksPage } from './pages/tasks/tasks';
import { hashPath, hashQuery, matchRoute } from './router';

const ROUTES = [
  '/inbox',
  '/mandates/:id',
  '/decisions/new',
  '/decisions',
  '/decisions/:id',
  '/breaches',
  '/escalations',
  '/routing',
  '/routing/preview',
  '/routing/tests',
  '/routing/versions',
  '/routing/rollout',
  '/models',
  '/modeler',
  '/models/review/:id',
  '/operations',
  '/operations/:key',
  '/incidents',
  '/dashboard',
  '/audit',
  '/users',
  '/delivery',
  '/data-protection',
  '/migration',
  '/tasks',
  '/tasks/:key',
] as const;

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function navigate(hash: string) {
  location.hash = hash;
}

/** The application: the login page, or the signed-in user's menu and the page of the route. */
export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [me, setMe] = useState<Whoami | null | undefined>(undefined);
  const [bootError, setBootError] = useState<unknown>();
  const hash = useHash();
  const i18n = useMemo(() => makeI18n(language), [language]);

  function chooseLanguage(l: Language) {
    rememberLanguage(l);
    setLanguage(l);
  }

  useEffect(() => {
    rememberLanguage(language);
    whenUnauthenticated(() => setMe(null));
    whoami().then(
      (m) => {
        if (m && !storedLanguage()) chooseLanguage(asLanguage(m.language) ?? language);
        setMe(m ?? null);
      },
      (e: unknown) => {
        setBootError(e);
        setMe(null);
      },
    );
  }, []);

  useEffect(() => {
    document.title = `iplus — ${i18n.t('app.title')}`;
  }, [i18n]);

  let body;
  if (me === undefined) body = <Loading />;
  else if (me === null)
    body = (
      <>
        {bootError ? <ProblemAlert error={bootError} /> : null}
        <LoginPage
          onLanguage={chooseLanguage}
          onLogin={(m) => {
            setMe(m);
            if (!location.hash || location.hash === '#/' || location.hash === '#')
              navigate(`#${homeOf(m.role)}`);
          }}
        />
      </>
    );
  else body = <Shell me={me} hash={hash} onLanguage={chooseLanguage} onLogout={() => setMe(null)} />;
  return <I18nContext.Provider value={i18n}>{body}</I18nContext.Provider>;
}

function Shell({
  me,
  hash,
  onLanguage,
  onLogout,
}: {
  me: Whoami;
  hash: string;
  onLanguage(l: Language): void;
  onLogout(): void;
}) {
  const ctx = useI18n();
  const { t } = ctx;
  const path = hashPath(hash);
  const items = navFor(me.role);
  useEffect(() => {
    if (path === '/') navigate(`#${homeOf(me.role)}`);
  }, [path]);
  // move focus to the page heading after navigation, for keyboard and screen-reader users
  useEffect(() => {
    const heading = document.querySelector<HTMLElement>('#main h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }, [path]);
  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('common.skip')}
      </a>
      <header class="app-header">
        <a class="brand" href={`#${homeOf(me.role)}`}>
          iplus
        </a>
        <nav aria-label={t('nav.label')}>
          <ul>
            {items.map((n) => {
              const current =
                path === n.path ||
                (n.path !== '/routing' && n.path !== '/decisions' && path.startsWith(`${n.path}/`));
              return (
                <li key={n.path}>
                  <a href={`#${n.path}`} aria-current={current ? 'page' : undefined}>
                    {t(n.key)}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <div class="user">
          <span>
            {me.user} · {t(`role.${me.role}`)} ·{' '}
            {me.agency ? ctx.name(me.agency.name) || me.agencyId : me.agencyId}
          </span>
          <LanguageSwitch onChange={onLanguage} />
          <button
            type="button"
            onClick={async () => {
              await logout().catch(() => undefined);
              onLogout();
            }}
          >
            {t('common.logout')}
          </button>
        </div>
        {me.demoUsers && (
          <p class="demo-banner" role="status" data-testid="demo-banner">
            {t('demo.banner')}
          </p>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Page me={me} hash={hash} />
      </main>
      <footer class="app-footer muted">{t('app.footer')}</footer>
    </>
  );
}

function Page({ me, hash }: { me: Whoami; hash: string }) {
  const path = hashPath(hash);
  const q = hashQuery(hash);
  const match = matchRoute(ROUTES, path);
  const allowed = navFor(me.role).some(
    (n) => match && (match.pattern === n.path || match.pattern.startsWith(`${n.path}/`)),
  );
  const { t } = useI18n();
  if (!match) return path === '/' ? null : <NotFound />;
  const p = match.params;
  switch (match.pattern) {
    case '/inbox':
      return <InboxPage />;
    case '/mandates/:id':
      return <MandateDetailPage key={p.id} id={p.id} role={me.role} />;
    case '/decisions/new':
      return (
        <UploadPage navigate={navigate} prisonId={me.role === 'prison_officer' ? me.agencyId : undefined} />
      );
    case '/decisions':
      return <DecisionsPage />;
    case '/decisions/:id':
      return (
        <DecisionDetailPage key={p.id} id={p.id} justUploaded={q.get('uploaded') === '1'} role={me.role} />
      );
    case '/breaches':
      return <NotificationsPage key="breaches" kinds={['breach']} title={t('nav.breaches')} />;
    case '/escalations':
      return (
        <NotificationsPage
          key="escalations"
          kinds={['escalation', 'old_channel', 'manual_assignment']}
          title={t('nav.escalations')}
        />
      );
    case '/routing':
      return <ProvinceScope me={me}>{(province) => <RoutingTablePage province={province} />}</ProvinceScope>;
    case '/routing/preview':
      return <PreviewPage />;
    case '/routing/tests':
      return <ProvinceScope me={me}>{(province) => <RoutingTestsPage province={province} />}</ProvinceScope>;
    case '/routing/versions':
      return <ProvinceScope me={me}>{(province) => <VersionsPage province={province} />}</ProvinceScope>;
    case '/routing/rollout':
      return <RolloutPage me={me} />;
    case '/models':
      return <ModelsPage me={me.user} />;
    case '/modeler':
      return (
        <ModelerPage
          process={q.get('process') ?? undefined}
          version={q.get('version') ?? undefined}
          draft={q.get('draft') ?? undefined}
        />
      );
    case '/models/review/:id':
      return <ModelReviewPage draftId={p.id} />;
    case '/operations':
      return <InstancesPage />;
    case '/operations/:key':
      return <InstanceDetailPage instanceKey={p.key} />;
    case '/incidents':
      return <IncidentsPage />;
    case '/dashboard':
      return <DashboardPage />;
    case '/audit':
      return allowed ? <AuditPage /> : <NotFound />;
    case '/users':
      return allowed ? <UsersPage me={me.user} /> : <NotFound />;
    case '/delivery':
      return allowed ? <DeliveryPage /> : <NotFound />;
    case '/data-protection':
      return allowed ? <DataProtectionPage canErase={me.role === 'admin'} /> : <NotFound />;
    case '/migration':
      return <MigrationPage />;
    case '/tasks':
      return <TasksPage me={me.user} />;
    case '/tasks/:key':
      return <TaskDetailPage key={p.key} taskKey={p.key} me={me.user} />;
    default:
      return <NotFound />;
  }
}

function NotFound() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('common.notFound')}</h1>
    </section>
  );
}
