// Secrets written into infrastructure code: in a VM's user data or custom data (plain or
// base64), a startup script, or a function's environment variables. Detection is by pattern:
// well-known credential formats (cloud access keys, private keys, provider tokens) and
// assignments of literal values to names that say "password", "secret" or "token". Values that
// point at a secret store (Secrets Manager, SSM, Key Vault, Secret Manager) or at a variable are
// references, not secrets. Messages name the kind of secret and where it is, never its value.

import { joinAnd } from "./messages";

/** A secret found in some text: what kind, and where (a line number or a variable name). */
export interface SecretFinding {
  readonly kind: string;
  readonly where: string;
}

/** Well-known credential formats, each with the name messages use for it. */
const TOKEN_PATTERNS: readonly { kind: string; re: RegExp }[] = [
  { kind: "an AWS access key ID", re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  {
    kind: "an AWS secret access key",
    re: /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}\b/i,
  },
  { kind: "a private key", re: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: "a GitHub token", re: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { kind: "a Slack token", re: /\bxox[abprs]-[A-Za-z0-9-]{10,}/ },
  { kind: "a Google API key", re: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: "a Stripe live key", re: /\b[rs]k_live_[0-9A-Za-z]{24,}\b/ },
  { kind: "an Azure storage account key", re: /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/ },
  { kind: "a database URL with a password", re: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@"']+:[^\s@/"'$]{3,}@/i },
];

/** Names of variables and settings that hold secrets. */
const SECRET_NAME =
  /(pass(?:word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|conn(?:ection)?[_-]?str(?:ing)?)$/i;

/** "NAME=value", "name: value", "export NAME='value'" in scripts and config files. */
const ASSIGNMENT =
  /(?:^|[\s;{,"'])([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?:=|:)\s*["']?([^\s"';,}]+)/g;

/**
 * True for a value that refers to a secret instead of holding one: a variable or template
 * expression, a secret store reference, or an empty placeholder.
 */
export function isReference(value: string): boolean {
  const v = value.trim();
  if (v.length < 6) return true;
  return (
    /^[$%@{<]/.test(v) ||
    /^arn:aws[a-z-]*:(secretsmanager|ssm|kms):/.test(v) ||
    /^projects\/[^/]+\/secrets\//.test(v) ||
    /^https:\/\/[^/]+\.vault\.azure\.net\//i.test(v) ||
    /^(true|false|null|none|yes|no)$/i.test(v) ||
    /^\d+$/.test(v)
  );
}

/** Secrets in a text: known credential formats, and literal values assigned to secret names. */
export function secretsInText(text: string): SecretFinding[] {
  const out: SecretFinding[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const where = `line ${i + 1}`;
    const tokens = TOKEN_PATTERNS.filter(({ re }) => re.test(line));
    tokens.forEach(({ kind }) => out.push({ kind, where }));
    // A recognised credential already names what the line holds.
    if (tokens.length > 0) return;
    for (const m of line.matchAll(ASSIGNMENT)) {
      if (SECRET_NAME.test(m[1]) && !isReference(m[2])) {
        out.push({ kind: `a literal value for ${m[1]}`, where });
      }
    }
  });
  return dedupe(out);
}

/** Secrets among environment variables: secret-named variables with literal values, tokens. */
export function secretsInVariables(vars: ReadonlyMap<string, string>): SecretFinding[] {
  const out: SecretFinding[] = [];
  for (const [name, value] of vars) {
    const where = `variable ${name}`;
    const token = TOKEN_PATTERNS.find(({ re }) => re.test(value));
    if (token) out.push({ kind: token.kind, where });
    else if (SECRET_NAME.test(name) && !isReference(value)) {
      out.push({ kind: "a literal secret value", where });
    }
  }
  return out;
}

/**
 * The text of user data that may be base64-encoded (launch templates and Azure custom data
 * always are): the decoded text when the value is valid base64 of mostly printable text,
 * otherwise the value itself.
 */
export function decodeUserData(value: string): string {
  const compact = value.replace(/\s+/g, "");
  if (compact.length < 8 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
    return value;
  }
  const decoded = Buffer.from(compact, "base64").toString("utf8");
  const printable = decoded.replace(/[^\x09\x0a\x0d\x20-\x7e]/g, "").length;
  return printable >= decoded.length * 0.9 ? decoded : value;
}

/** "an AWS access key ID (line 3) and a literal value for DB_PASSWORD (line 7)". */
export function describeSecrets(findings: readonly SecretFinding[]): string {
  return joinAnd(findings.map((f) => `${f.kind} (${f.where})`));
}

function dedupe(findings: SecretFinding[]): SecretFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.kind}@${f.where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
