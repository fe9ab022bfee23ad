// Dates for forecast steps past the end of a series, when its dates are regular: ISO days
// (`1990-12-31` → `1991-01-01`, any whole number of days apart) or ISO months (`1960-12` →
// `1961-01`). Anything else gets no dates.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/**
 * The `count` dates after `dates`, continuing its last step; `null` when the dates are not
 * regular ISO days or months.
 *
 * @example
 * ```ts
 * nextDates(['1990-12-30', '1990-12-31'], 2); // ['1991-01-01', '1991-01-02']
 * nextDates(['1960-11', '1960-12'], 1);       // ['1961-01']
 * ```
 */
export function nextDates(dates: readonly string[], count: number): string[] | null {
  const [a, b] = [dates.at(-2)?.trim(), dates.at(-1)?.trim()];
  if (a === undefined || b === undefined) return null;
  const dayA = DAY.exec(a);
  const dayB = DAY.exec(b);
  if (dayA && dayB) {
    const tA = Date.UTC(Number(dayA[1]), Number(dayA[2]) - 1, Number(dayA[3]));
    const tB = Date.UTC(Number(dayB[1]), Number(dayB[2]) - 1, Number(dayB[3]));
    const step = (tB - tA) / MS_PER_DAY;
    if (!Number.isInteger(step) || step <= 0) return null;
    return Array.from({ length: count }, (_, k) => {
      const d = new Date(tB + (k + 1) * step * MS_PER_DAY);
      return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    });
  }
  const monthA = MONTH.exec(a);
  const monthB = MONTH.exec(b);
  if (monthA && monthB) {
    const mA = Number(monthA[1]) * 12 + Number(monthA[2]) - 1;
    const mB = Number(monthB[1]) * 12 + Number(monthB[2]) - 1;
    const step = mB - mA;
    if (step <= 0) return null;
    return Array.from({ length: count }, (_, k) => {
      const m = mB + (k + 1) * step;
      return `${pad(Math.floor(m / 12), 4)}-${pad((m % 12) + 1)}`;
    });
  }
  return null;
}
