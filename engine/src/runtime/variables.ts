import type { KeyGenerator } from '../state/key-generator';
import type { InstanceState, Variable } from './instance-state';
import { variableJson, type InstanceStore } from './instance-store';

export type Variables = Record<string, unknown>;

/**
 * Zeebe's variable scopes: each element instance that is a scope holds local variables, lookups
 * walk outwards to the process instance, and merged results propagate outwards to the nearest
 * scope that already defines a name (else to the process instance).
 */
export class VariableScopes {
  constructor(
    private readonly keys: KeyGenerator,
    private readonly store: InstanceStore,
  ) {}

  /** Creates or updates a variable in exactly this scope. */
  setLocal(instance: InstanceState, scopeKey: number, name: string, value: unknown): void {
    const scope = instance.scope(scopeKey);
    const existing = scope.get(name);
    if (existing) {
      existing.value = value;
      existing.json = undefined;
      this.store.variableChanged(existing);
      return;
    }
    const v: Variable = {
      key: this.keys.next(),
      instanceKey: instance.key,
      scopeKey,
      name,
      value,
      persisted: false,
    };
    scope.set(name, v);
    this.store.variableChanged(v);
  }

  setAllLocal(instance: InstanceState, scopeKey: number, vars: Variables): void {
    for (const name in vars) this.setLocal(instance, scopeKey, name, vars[name]);
  }

  /** Merges variables from `scopeKey` outwards: each lands where its name is already defined, else at the root. */
  propagate(instance: InstanceState, scopeKey: number, vars: Variables): void {
    for (const name in vars) {
      let target = instance.key;
      for (let key = scopeKey; key !== -1; ) {
        if (instance.variables.get(key)?.has(name)) {
          target = key;
          break;
        }
        const ei = instance.elements.get(key);
        if (!ei) break;
        key = ei.flowScopeKey;
      }
      this.setLocal(instance, target, name, vars[name]);
    }
  }

  /** The scope chain from `scopeKey` to the process instance, innermost first. */
  chain(instance: InstanceState, scopeKey: number): number[] {
    const keys: number[] = [];
    for (let key = scopeKey; key !== -1; ) {
      keys.push(key);
      const ei = instance.elements.get(key);
      if (!ei) break;
      key = ei.flowScopeKey;
    }
    return keys;
  }

  /** Values of every variable visible from a scope, inner names hiding outer ones (a FEEL context). */
  visible(instance: InstanceState, scopeKey: number): Variables {
    const chain = this.chain(instance, scopeKey);
    const result: Variables = {};
    for (let i = chain.length - 1; i >= 0; i--) {
      const scope = instance.variables.get(chain[i]);
      if (scope) for (const v of scope.values()) result[v.name] = v.value;
    }
    return result;
  }

  /** JSON document of the visible variables, optionally only `names`, built from stored JSON text. */
  visibleJson(instance: InstanceState, scopeKey: number, names?: readonly string[]): string {
    const chain = this.chain(instance, scopeKey);
    const picked = new Map<string, Variable>();
    const wanted = names && names.length > 0 ? new Set(names) : undefined;
    for (const key of chain) {
      const scope = instance.variables.get(key);
      if (!scope) continue;
      for (const v of scope.values()) {
        if (!picked.has(v.name) && (!wanted || wanted.has(v.name))) picked.set(v.name, v);
      }
    }
    let json = '{';
    let first = true;
    for (const v of picked.values()) {
      json += (first ? '' : ',') + JSON.stringify(v.name) + ':' + variableJson(v);
      first = false;
    }
    return json + '}';
  }

  /** Variables defined directly in a scope. */
  local(instance: InstanceState, scopeKey: number): Variables {
    const result: Variables = {};
    const scope = instance.variables.get(scopeKey);
    if (scope) for (const v of scope.values()) result[v.name] = v.value;
    return result;
  }

  /** Forgets a scope's variables in memory once it ended (its rows stay as history). */
  dropScope(instance: InstanceState, scopeKey: number): void {
    instance.variables.delete(scopeKey);
  }
}

/** Parses a client's variables document: a JSON object, or empty. Returns an error message otherwise. */
export function parseVariablesDocument(
  text: string | undefined,
): { ok: true; value: Variables } | { ok: false; message: string } {
  if (text === undefined || text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, message: `the variables are not valid JSON: ${(e as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      message: `the variables must be a JSON object such as {"orderId": "A-1"}, but were: ${text.slice(0, 100)}`,
    };
  }
  return { ok: true, value: value as Variables };
}
