import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../api/client';
import type { FieldProblem } from '../api/problem';
import type { Municipality } from '../api/types';
import { useI18n } from '../i18n/i18n';
import { describedBy, Field } from './field';

interface Props {
  id: string;
  label: string;
  value: Municipality | null;
  /** Called with the chosen municipality and the postal code that matched the typed text, if any. */
  onSelect(m: Municipality | null, postalCode?: string): void;
  errors?: FieldProblem[];
  required?: boolean;
}

/** A municipality's display text: its name in the user's language and its postal codes. */
export function municipalityLabel(m: Municipality, name: (n: Municipality['name']) => string): string {
  return `${name(m.name)} (${m.postalCodes.join(', ')})`;
}

/**
 * Autocomplete of municipalities by name (any language) or postal code prefix, from
 * `/api/municipalities?q=`; a WAI-ARIA combobox (arrows, Enter, Escape).
 */
export function MunicipalityInput({ id, label, value, onSelect, errors, required }: Props) {
  const i18n = useI18n();
  const [text, setText] = useState(value ? municipalityLabel(value, i18n.name) : '');
  const [options, setOptions] = useState<Municipality[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const typed = useRef('');
  // What the keyboard acts on, current at once: a quick ArrowDown then Enter arrive before the render
  // that follows the first, whose handlers would still see the list closed and nothing highlighted.
  const now = useRef({ options, open, active });
  const closing = useRef<ReturnType<typeof setTimeout>>();
  now.current = { options, open, active };
  const listId = `${id}-list`;
  useEffect(() => () => clearTimeout(closing.current), []);

  useEffect(() => {
    setText(value ? municipalityLabel(value, i18n.name) : typed.current);
  }, [value, i18n.language]);

  useEffect(() => {
    const q = typed.current.trim();
    if (q.length < 2) {
      setOptions([]);
      setSearching(false);
      return;
    }
    // A closed list keeps its options (hidden): opened again for the same text (ArrowDown after a
    // blur) it offers them at once, while the search below refreshes them.
    if (!open) {
      setSearching(false);
      return;
    }
    const controller = new AbortController();
    setSearching(true);
    const timer = setTimeout(() => {
      api<Municipality[] | { items: Municipality[] }>(
        'GET',
        `/api/municipalities${query({ q, limit: 10 })}`,
        undefined,
        {
          signal: controller.signal,
        },
      )
        .then((r) => {
          const next = Array.isArray(r) ? r : r.items;
          // the highlighted municipality stays highlighted when a later search still lists it
          const { options: before, active: a } = now.current;
          const kept = a >= 0 && before[a] ? next.findIndex((m) => m.nis === before[a].nis) : -1;
          now.current = { ...now.current, options: next, active: kept };
          setActive(kept);
          setOptions(next);
        })
        .catch(() => setOptions([]))
        .finally(() => !controller.signal.aborted && setSearching(false));
    }, 180);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, open]);

  function choose(m: Municipality) {
    const q = typed.current.trim();
    const code = /^\d+$/.test(q) ? m.postalCodes.find((c) => c.startsWith(q)) : undefined;
    onSelect(m, code ?? (m.postalCodes.length === 1 ? m.postalCodes[0] : undefined));
    now.current = { ...now.current, open: false };
    setOpen(false);
  }

  function highlight(open: boolean, active: number) {
    now.current = { ...now.current, open, active };
    setOpen(open);
    setActive(active);
  }

  function onKeyDown(e: KeyboardEvent) {
    const { options, open, active } = now.current;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(true, Math.min(active + 1, options.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(open, Math.max(active - 1, 0));
    } else if (e.key === 'Enter' && open && (options[active] || options.length === 1)) {
      // Enter takes the highlighted option, or the only one
      e.preventDefault();
      choose(options[active] ?? options[0]);
    } else if (e.key === 'Escape') {
      now.current = { ...now.current, open: false };
      setOpen(false);
    }
  }

  const expanded = open && options.length > 0;
  return (
    <Field id={id} label={label} errors={errors} required={required} hint={i18n.t('municipality.hint')}>
      <div class="combobox">
        <input
          {...describedBy(id, errors, true)}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded ? 'true' : 'false'}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
          aria-busy={searching ? 'true' : 'false'}
          value={text}
          required={required}
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            typed.current = v;
            setText(v);
            now.current = { ...now.current, open: true };
            setOpen(true);
            // busy at once, in the same render as the text (the search itself starts after a pause)
            setSearching(v.trim().length >= 2);
            if (value) onSelect(null);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => clearTimeout(closing.current)}
          onBlur={() => {
            // later, so that a click on an option lands first; focus coming back keeps the list open
            closing.current = setTimeout(() => {
              now.current = { ...now.current, open: false };
              setOpen(false);
            }, 150);
          }}
        />
        <ul id={listId} role="listbox" class="combobox-list" hidden={!expanded} aria-label={label}>
          {options.map((m, i) => (
            <li
              key={m.nis}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active ? 'true' : 'false'}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(m);
              }}
            >
              {municipalityLabel(m, i18n.name)} <span class="muted">NIS {m.nis}</span>
            </li>
          ))}
        </ul>
        {searching && <span class="sr-only">{i18n.t('common.loading')}</span>}
      </div>
    </Field>
  );
}
