import type { Clock } from '../clock';
import { conflict, UserError } from '../errors';
import type { Db } from '../store/database';
import { hashPassword, needsRehash, verifyPassword } from './password';
import { ROLES, type Role } from './roles';
import type { Selectable } from 'kysely';
import type { UsersTable } from '../store/schema';

export interface User {
  name: string;
  role: Role;
  agencyId: string;
  language: string;
  disabled: boolean;
  /** Seeded by IPLUS_DEMO: its password is in demo-credentials.json. */
  demo: boolean;
}

export interface NewUser {
  name: string;
  password: string;
  role: Role;
  agencyId: string;
  language?: string;
  /** Only the demo seeding sets this. */
  demo?: boolean;
}

/** The platform's user accounts: each has a role and an agency, and logs in with a hashed password. */
export class Users {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Creates an account; the name must be new. */
  async create(u: NewUser): Promise<User> {
    if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(u.name)) {
      throw new UserError({
        status: 400,
        code: 'invalid_user_name',
        title: 'Invalid user name',
        detail: `user name "${u.name}" must be 2-64 characters of a-z, 0-9, dot, dash or underscore`,
      });
    }
    if (!ROLES.includes(u.role)) {
      throw new UserError({
        status: 400,
        code: 'invalid_role',
        title: 'Invalid role',
        detail: `role must be one of ${ROLES.join(', ')}`,
      });
    }
    checkStrength(u.password);
    const existing = await this.db
      .selectFrom('users')
      .select('name')
      .where('name', '=', u.name)
      .executeTakeFirst();
    const taken = () => conflict('user_exists', `user ${u.name} exists already; pick another name`);
    if (existing) throw taken();
    // Another instance (or request) may create the same name meanwhile: the key decides, once.
    const inserted = await this.db
      .insertInto('users')
      .values({
        name: u.name,
        password_hash: await hashPassword(u.password),
        role: u.role,
        agency_id: u.agencyId,
        language: u.language ?? 'fr',
        created_at: this.clock.now().toISOString(),
        disabled_at: null,
        demo: u.demo ? 1 : 0,
      })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw taken();
    return {
      name: u.name,
      role: u.role,
      agencyId: u.agencyId,
      language: u.language ?? 'fr',
      disabled: false,
      demo: !!u.demo,
    };
  }

  /** The account, or undefined. */
  async find(name: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return row && toUser(row);
  }

  /** All accounts, for the admin. */
  async list(): Promise<User[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('name').execute()).map(toUser);
  }

  /** The account when the password is right and the account enabled; undefined otherwise. */
  async checkPassword(name: string, password: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    if (!row) {
      // Spend the same time as a real check so timing does not reveal which names exist.
      await verifyPassword(password, DUMMY_HASH);
      return undefined;
    }
    const ok = await verifyPassword(password, row.password_hash);
    if (!ok || row.disabled_at) return undefined;
    if (needsRehash(row.password_hash)) {
      // Upgrade a hash made with older (cheaper) parameters, now that the password is known.
      await this.db
        .updateTable('users')
        .set({ password_hash: await hashPassword(password) })
        .where('name', '=', name)
        .where('password_hash', '=', row.password_hash)
        .execute();
    }
    return toUser(row);
  }

  /** Disables (true) or enables (false) an account; false when there is no such account. */
  async setDisabled(name: string, disabled: boolean): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({ disabled_at: disabled ? this.clock.now().toISOString() : null })
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Sets a new password (an admin's reset); false when there is no such account. */
  async setPassword(name: string, password: string): Promise<boolean> {
    checkStrength(password);
    const result = await this.db
      .updateTable('users')
      .set({ password_hash: await hashPassword(password) })
      .where('name', '=', name)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The enabled demo accounts (IPLUS_ENV=production refuses to start while there are any). */
  async enabledDemoUsers(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('users')
      .select('name')
      .where('demo', '=', 1)
      .where('disabled_at', 'is', null)
      .orderBy('name')
      .execute();
    return rows.map((r) => r.name);
  }

  /** True when the store holds no account yet (demo mode `auto` seeds only then). */
  async isEmpty(): Promise<boolean> {
    return !(await this.db.selectFrom('users').select('name').limit(1).executeTakeFirst());
  }
}

// Same parameters as a real hash, so an unknown name costs as much as a known one.
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function checkStrength(password: string): void {
  if (password.length < 12) {
    throw new UserError({
      status: 400,
      code: 'weak_password',
      title: 'Password too short',
      detail: 'use a password of at least 12 characters',
    });
  }
}

function toUser(
  row: Pick<Selectable<UsersTable>, 'name' | 'role' | 'agency_id' | 'language' | 'disabled_at' | 'demo'>,
): User {
  return {
    name: row.name,
    role: row.role as Role,
    agencyId: row.agency_id,
    language: row.language,
    disabled: row.disabled_at !== null,
    demo: row.demo === 1,
  };
}
