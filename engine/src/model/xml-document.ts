import * as sax from 'sax';

/** One element of a parsed XML document: namespace URI, local name, attributes, children, text. */
export interface XmlElement {
  ns: string;
  name: string;
  /** Attributes without a namespace by local name; namespaced ones as `{uri}local`. */
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
  line: number;
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; message: string };

/** Largest resource accepted, as Zeebe's default gRPC message limit. */
export const MAX_RESOURCE_BYTES = 4 * 1024 * 1024;

/**
 * Parses XML strictly and safely: a DOCTYPE (and so any entity declaration, the root of XML bombs
 * and external-entity reads) is refused outright, only the five predefined entities and character
 * references are understood, and the input size is bounded.
 */
export function parseXml(xml: string): XmlParseResult {
  if (Buffer.byteLength(xml, 'utf8') > MAX_RESOURCE_BYTES) {
    return { ok: false, message: `the resource is larger than ${MAX_RESOURCE_BYTES} bytes` };
  }
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    return {
      ok: false,
      message:
        'the resource declares a DOCTYPE or entities, which are refused (XML entity expansion and external entities)',
    };
  }
  const parser = sax.parser(true, { xmlns: true, position: true, trim: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let failure: string | undefined;
  parser.onerror = (e) => {
    failure ??= e.message.split('\n')[0] + ` (line ${parser.line + 1})`;
    parser.error = null as unknown as Error;
  };
  parser.ondoctype = () => {
    failure ??= 'the resource declares a DOCTYPE, which is refused';
  };
  parser.onopentag = (tag) => {
    const t = tag as sax.QualifiedTag;
    const attrs: Record<string, string> = {};
    for (const a of Object.values(t.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const element: XmlElement = {
      ns: t.uri,
      name: t.local,
      attrs,
      children: [],
      text: '',
      line: parser.line + 1,
    };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root ??= element;
    stack.push(element);
  };
  parser.onclosetag = () => {
    stack.pop();
  };
  const onText = (text: string) => {
    if (stack.length > 0) stack[stack.length - 1].text += text;
  };
  parser.ontext = onText;
  parser.oncdata = onText;
  try {
    parser.write(xml).close();
  } catch (e) {
    failure ??= (e as Error).message;
  }
  if (failure) return { ok: false, message: `not well-formed XML: ${failure}` };
  if (!root) return { ok: false, message: 'not well-formed XML: no root element' };
  return { ok: true, root };
}
