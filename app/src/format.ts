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

/** Dot-separated decimal string of a token amount the user typed ("12.5") → base units; throws on junk. */
export function parseAmount(text: string, decimals = DECIMALS): bigint {
  const t = text.trim().replace(/,/g, "");
  const m = /^(\d+)(?:\.(\d*))?$/.exec(t);
  if (!m) throw new Error(`not an amount: ${text}`);
  const frac = m[2] ?? "";
  if (frac.length > decimals) throw new Error(`at most ${decimals} decimals: ${text}`);
  return BigInt(m[1]) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, "0") || "0");
}
