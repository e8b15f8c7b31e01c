import type { Clock } from '../clock';
import { conflict, UserError } from '../errors';
import type { Db } from '../store/database';
import { hashPassword, verifyPassword } from './password';
import { ROLES, type Role } from './roles';

export interface User {
  name: string;
  role: Role;
  agencyId: string;
  language: string;
  disabled: boolean;
}

export interface NewUser {
  name: string;
  password: string;
  role: Role;
  agencyId: string;
  language?: string;
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
      throw new UserError(
        400,
        'invalid_user_name',
        'Invalid user name',
        `user name "${u.name}" must be 2-64 characters of a-z, 0-9, dot, dash or underscore`,
      );
    }
    if (!ROLES.includes(u.role)) {
      throw new UserError(400, 'invalid_role', 'Invalid role', `role must be one of ${ROLES.join(', ')}`);
    }
    if (u.password.length < 12) {
      throw new UserError(
        400,
        'weak_password',
        'Password too short',
        'use a password of at least 12 characters',
      );
    }
    const existing = await this.db
      .selectFrom('users')
      .select('name')
      .where('name', '=', u.name)
      .executeTakeFirst();
    if (existing) throw conflict('user_exists', `user ${u.name} exists already; pick another name`);
    await this.db
      .insertInto('users')
      .values({
        name: u.name,
        password_hash: await hashPassword(u.password),
        role: u.role,
        agency_id: u.agencyId,
        language: u.language ?? 'fr',
        created_at: this.clock.now().toISOString(),
        disabled_at: null,
      })
      .execute();
    return {
      name: u.name,
      role: u.role,
      agencyId: u.agencyId,
      language: u.language ?? 'fr',
      disabled: false,
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
    return ok && !row.disabled_at ? toUser(row) : undefined;
  }

  /** True when the store holds no account yet (demo mode `auto` seeds only then). */
  async isEmpty(): Promise<boolean> {
    return !(await this.db.selectFrom('users').select('name').limit(1).executeTakeFirst());
  }
}

const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function toUser(row: {
  name: string;
  role: string;
  agency_id: string;
  language: string;
  disabled_at: string | null;
}): User {
  return {
    name: row.name,
    role: row.role as Role,
    agencyId: row.agency_id,
    language: row.language,
    disabled: row.disabled_at !== null,
  };
}
