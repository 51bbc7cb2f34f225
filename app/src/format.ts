// Display formats. Amounts are integers in base units (6 decimals for USDC), shown with two
// decimals truncated (never more than the chain holds); Decimals keep up to six places.

export const DECIMALS = 6;

/**
 * "1234567891" → "1,234.56" (base units of a 6-decimal token, truncated to cents); below one
 * token every decimal shows ("4731" → "0.004731"), so a small figure never reads as zero.
 */
export function amount(base: string | bigint, decimals = DECIMALS): string {
  const v = BigInt(base);
  const neg = v < 0n;
  const a = neg ? -v : v;
  const unit = 10n ** BigInt(decimals);
  const whole = (a / unit).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (a % unit).toString().padStart(decimals, "0");
  const shown = a > 0n && a < unit ? frac : frac.slice(0, 2);
  return `${neg ? "−" : ""}${whole}.${shown}`;
}

/** A Decimal string times 10^places, exactly ("0.000000918999" ×10⁶ → "0.918999"). */
export function shift(d: string, places: number): string {
  const [int, frac = ""] = d.split(".");
  const f = frac.padEnd(places, "0");
  const i = (int + f.slice(0, places)).replace(/^0+(?=\d)/, "");
  const rest = f.slice(places);
  return rest ? `${i}.${rest}` : i;
}

/** A Decimal string to at most `places` decimals, truncated ("1.000040500000000000" → "1.00004"). */
export function decimal(d: string, places = 6): string {
  const [int, frac = ""] = d.split(".");
  const f = frac.slice(0, places).replace(/0+$/, "");
  return f ? `${int}.${f}` : int;
}

/** A ratio Decimal as a percentage with two decimals, truncated ("0.6543" → "65.43 %"). */
export function percent(d: string): string {
  const [int, frac = ""] = d.split(".");
  const hundredths = BigInt(int) * 10000n + BigInt((frac + "0000").slice(0, 4));
  return `${(hundredths / 100n).toString()}.${(hundredths % 100n).toString().padStart(2, "0")} %`;
}

/** Seconds since the epoch as "2026-11-01 12:34:56 UTC". */
export function time(secs: number): string {
  return new Date(secs * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
}

/** "inj1abcdefgh…wxyz". */
export function short(addr: string): string {
  return addr.length > 20 ? `${addr.slice(0, 10)}…${addr.slice(-6)}` : addr;
}

const U128_MAX = (1n << 128n) - 1n;

/**
 * The digits of a typed number, its commas checked: a comma may only separate groups of three
 * digits before the point ("1,234.5", "1,234,567"). Anything else is refused rather than read
 * one way: "1,5" (a decimal comma in many locales) would otherwise become 15, "1,50" 150.
 * With `ambiguousGroup` set, a lone group after one comma and no point ("1,500": 1500 in
 * en-US, 1.5 in de-DE) is refused too.
 */
function digits(text: string, what: string, ambiguousGroup: boolean): string {
  const t = text.trim();
  if (!t.includes(",")) return t;
  const [int, ...rest] = t.split(".");
  if (!/^\d{1,3}(,\d{3})+$/.test(int)) throw new Error(`not ${what}: ${text} (write the decimal point as "." and group thousands as 1,234,567)`);
  if (ambiguousGroup && rest.length === 0 && int.split(",").length === 2) {
    throw new Error(`ambiguous: ${text} (write ${int.replace(",", "")} or ${int.replace(",", ".")})`);
  }
  return [int.replace(/,/g, ""), ...rest].join(".");
}

/**
 * Dot-separated decimal string of a token amount the user typed ("12.5", "1,234.5") → base
 * units, exactly (integers only, no floating point). Refused: junk, exponents ("1e6"), signs,
 * more than `decimals` decimals, commas that are not thousands groups ("1,5"), a lone group
 * ("1,500"), zero, and more than a Uint128.
 */
export function parseAmount(text: string, decimals = DECIMALS): bigint {
  const t = digits(text, "an amount", true);
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) throw new Error(`not an amount: ${text}`);
  const frac = m[2] ?? "";
  if (frac.length > decimals) throw new Error(`at most ${decimals} decimals: ${text}`);
  const v = BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
  if (v === 0n) throw new Error(`nothing to send: ${text}`);
  if (v > U128_MAX) throw new Error(`more than any balance can hold: ${text}`);
  return v;
}

/** A whole count the user typed ("1,000,000" shares) → its digits; commas as in `parseAmount`. */
export function parseCount(text: string): string {
  const t = digits(text, "a whole number", false);
  if (!/^\d+$/.test(t)) throw new Error(`not a whole number: ${text}`);
  const v = BigInt(t);
  if (v === 0n) throw new Error(`nothing to send: ${text}`);
  if (v > U128_MAX) throw new Error(`more than any balance can hold: ${text}`);
  return v.toString();
}
