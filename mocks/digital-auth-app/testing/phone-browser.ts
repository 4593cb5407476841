/**
 * A phone's browser for tests over real HTTP: keeps cookies, follows redirects itself (so a test
 * can stop where one leads), posts forms as a browser does.
 */
export interface Visit {
  url: string;
  status: number;
  html: string;
}

export class PhoneBrowser {
  private readonly cookies = new Map<string, string>();

  /** `stopAt`: a redirect there is not followed (the relying party a test plays itself). */
  constructor(private readonly stopAt: (url: string) => boolean = () => false) {}

  async open(url: string, form?: Record<string, string>): Promise<Visit> {
    let next = url;
    let body = form ? new URLSearchParams(form).toString() : undefined;
    for (let hop = 0; hop < 10; hop++) {
      if (hop > 0 && this.stopAt(next)) return { url: next, status: 303, html: '' };
      const response = await fetch(next, {
        method: body === undefined ? 'GET' : 'POST',
        redirect: 'manual',
        headers: {
          Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
          ...(body === undefined
            ? {}
            : { 'Content-Type': 'application/x-www-form-urlencoded', Origin: new URL(next).origin }),
        },
        body,
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair!.indexOf('=');
        this.cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (!location) return { url: next, status: response.status, html: await response.text() };
      next = new URL(location, next).toString();
      body = undefined;
    }
    throw new Error('too many redirects');
  }
}

/** The address of the form on `html` whose action ends in `ending`, resolved against `base`. */
export function formAction(html: string, ending: string, base: string): string {
  const action = [...html.matchAll(/action="([^"]+)"/g)].map((m) => m[1]!).find((a) => a.endsWith(ending));
  if (!action) throw new Error(`no form whose action ends in ${ending}`);
  return new URL(action.replace(/&amp;/g, '&'), base).toString();
}

/** A hidden field's value on `html`. */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!match) throw new Error(`no field ${name}`);
  return match[1]!;
}
