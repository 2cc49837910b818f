// Runs the student check-in page's script against the real app, the way a phone would: the page
// and the script come over HTTP, the script runs in a VM context whose document holds the page's
// elements (found by id in the served HTML) and whose XMLHttpRequest sends through supertest.
// No DOM library: the script touches only getElementById, attributes, value, textContent,
// hidden, disabled, className, focus and listeners, and that is all this stand-in offers.
import vm from 'node:vm';
import type { TestApp } from '../support/test-app';

export interface FakeElement {
  id: string;
  tag: string;
  attributes: Record<string, string>;
  value: string;
  textContent: string;
  hidden: boolean;
  disabled: boolean;
  className: string;
  focused: boolean;
  getAttribute(name: string): string | null;
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
  focus(): void;
  /** Test side: runs the listeners as the browser would; true when one called preventDefault. */
  dispatch(type: string): boolean;
}

export interface Phone {
  el(id: string): FakeElement;
  /** sessionStorage of the tab. */
  storage: Map<string, string>;
  /** `METHOD path` of every request the script sent. */
  requests: string[];
  /** Taps the submit button and waits until the script has its answer. */
  submit(): Promise<void>;
  result(): { shown: boolean; kind: string; title: string; detail: string };
}

const decode = (text: string) =>
  text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

function element(tag: string, attributes: Record<string, string>, text: string): FakeElement {
  const listeners: Record<string, Array<(event: { preventDefault(): void }) => void>> = {};
  return {
    id: attributes.id,
    tag,
    attributes,
    value: attributes.value ?? '',
    textContent: text,
    hidden: 'hidden' in attributes,
    disabled: 'disabled' in attributes,
    className: attributes.class ?? '',
    focused: false,
    getAttribute: (name) => attributes[name] ?? null,
    addEventListener: (type, listener) => {
      (listeners[type] ??= []).push(listener);
    },
    focus() {
      this.focused = true;
    },
    dispatch: (type) => {
      let prevented = false;
      for (const listener of listeners[type] ?? []) listener({ preventDefault: () => (prevented = true) });
      return prevented;
    },
  };
}

/** Every element with an id in the served HTML, with its attributes (and text, for buttons and paragraphs). */
export function elementsOf(html: string): Map<string, FakeElement> {
  const elements = new Map<string, FakeElement>();
  for (const tag of html.matchAll(/<([a-z]+)\b([^>]*)>/gi)) {
    const attributes: Record<string, string> = {};
    for (const a of tag[2].matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)) attributes[a[1]] = decode(a[2] ?? '');
    if (!attributes.id) continue;
    const end = (tag.index ?? 0) + tag[0].length;
    const close = html.indexOf(`</${tag[1]}>`, end);
    const inner = close >= 0 && !['input'].includes(tag[1]) ? html.slice(end, close) : '';
    elements.set(attributes.id, element(tag[1], attributes, /</.test(inner) ? '' : decode(inner)));
  }
  return elements;
}

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Opens `url` (the QR link) on a "phone" whose tab keeps `storage`, and runs the page's script. */
export async function openOnPhone(t: TestApp, url: string, storage = new Map<string, string>()): Promise<Phone> {
  const page = await t.http().get(url).expect(200);
  const src = /<script src="([^"]+)"><\/script>/.exec(page.text)?.[1];
  if (!src) throw new Error('the page links no script');
  const script = await t.http().get(decode(src)).expect(200);
  const elements = elementsOf(page.text);
  const requests: string[] = [];

  class FakeXhr {
    status = 0;
    responseText = '';
    timeout = 0;
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    private method = 'GET';
    private path = '/';
    private readonly headers: Record<string, string> = {};
    open(method: string, path: string) {
      this.method = method;
      this.path = path;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send(body: string) {
      requests.push(`${this.method} ${this.path}`);
      const req = t.http()[this.method.toLowerCase() as 'post'](this.path).set(this.headers);
      req.send(body).then(
        (res) => {
          this.status = res.status;
          this.responseText = res.text;
          this.onload?.();
        },
        () => this.onerror?.(),
      );
    }
  }

  const sessionStorage = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, String(v)),
    removeItem: (k: string) => void storage.delete(k),
  };
  const context: Record<string, unknown> = { document: { getElementById: (id: string) => elements.get(id) ?? null }, sessionStorage, XMLHttpRequest: FakeXhr };
  context.window = context;
  vm.runInNewContext(script.text, context, { filename: src });

  const el = (id: string) => {
    const found = elements.get(id);
    if (!found) throw new Error(`no element #${id} on the page`);
    return found;
  };
  return {
    el,
    storage,
    requests,
    submit: async () => {
      expect(el('submit').disabled).toBe(false);
      expect(el('check-in-form').dispatch('submit')).toBe(true);
      // The script disables the button while a request is out; a refusal before any request leaves it enabled.
      await until(() => !el('submit').disabled, 'the answer');
    },
    result: () => ({
      shown: !el('result').hidden,
      kind: el('result').className.replace(/^result ?/, ''),
      title: el('result-title').textContent,
      detail: el('result-detail').textContent,
    }),
  };
}
