/** Text replaced for a secret in everything we print. Same as the Actions runner's. */
export const MASK = '***';

/** Base64 of a secret only shows up inside longer strings (`user:token`); shifted forms need enough length to be safe. */
const MIN_SHIFTED_LENGTH = 8;

/** Prefixes that git Basic-auth headers put before a token: GitHub, GitLab, Bitbucket. */
const BASIC_AUTH_USERS = ['x-access-token', 'oauth2', 'x-token-auth'];

function base64(value: string | Buffer): string {
  return Buffer.from(value).toString('base64');
}

/**
 * Every form in which a secret can appear in output: raw, each line of a multi-line secret, URL-encoded, base64, the
 * base64 of the `user:token` pairs git headers carry, and — for any other prefix, e.g. a Bitbucket `username:` — the
 * base64 characters that depend only on the secret, for each of the three byte alignments (the same idea as the
 * Actions runner's Base64StringEscape shifts).
 */
export function secretForms(secret: string): string[] {
  if (!secret) return [];
  const forms = new Set<string>([secret, encodeURIComponent(secret), base64(secret)]);
  for (const line of secret.split(/\r?\n/)) if (line.trim()) forms.add(line);
  for (const user of BASIC_AUTH_USERS) forms.add(base64(`${user}:${secret}`));
  if (secret.length >= MIN_SHIFTED_LENGTH) {
    const bytes = Buffer.from(secret);
    for (let shift = 0; shift < 3; shift++) {
      const encoded = base64(Buffer.concat([Buffer.alloc(shift), bytes]));
      // Characters before `start` mix in the prefix bytes; after `end`, the bytes that follow the secret.
      const start = Math.ceil((shift * 8) / 6);
      const end = Math.floor(((shift + bytes.length) * 8) / 6);
      forms.add(encoded.slice(start, end));
    }
  }
  return [...forms].filter((form) => form.length > 0);
}

/** The set of registered secrets, and the one function that removes them from text. */
export class SecretMasker {
  private forms: string[] = [];

  /** Register a secret (all its forms). Returns the forms newly registered. */
  add(secret: string): string[] {
    const added = secretForms(secret).filter((form) => !this.forms.includes(form));
    // Longest first, so that a form containing another is replaced whole.
    this.forms = [...this.forms, ...added].sort((a, b) => b.length - a.length);
    return added;
  }

  redact(text: string): string {
    let result = text;
    for (const form of this.forms) {
      if (result.includes(form)) result = result.split(form).join(MASK);
    }
    return result;
  }
}
