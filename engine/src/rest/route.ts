import type { Db } from '../state/database';
import type { ElementNames } from './entities/element-names';
import type { EngineCommands } from './engine-commands';
import type { GatewayInfo } from './topology';

export interface RouteContext {
  db: Db;
  engine: EngineCommands;
  names: ElementNames;
  gateway: GatewayInfo;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** Content type of a text body (JSON otherwise). */
  type?: string;
  headers?: Record<string, string>;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: RegExp;
  handle(ctx: RouteContext, params: string[], body: unknown): Reply | Promise<Reply>;
}
