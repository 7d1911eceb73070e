/**
 * The statutory holidays of 《全国年节及纪念日放假办法》 as amended by 国务院令第795号 (in force
 * from 2025): 元旦 1 day, 春节 4 days (农历除夕、正月初一至初三), 清明节 1 day (the 清明 solar
 * term), 劳动节 2 days (5月1日、2日), 端午节 1 day (农历五月初五), 中秋节 1 day (农历八月十五),
 * 国庆节 3 days (10月1日至3日).
 *
 * They hold every year whatever the notice says; the notice only adds the bridging days and the
 * 调休 (worked weekends), which cannot be known before it appears. So a year without an entered
 * notice is counted with these days off (still flagged provisional), not as plain Monday–Friday:
 * a 20-working-day deadline across 元旦 or 春节 is then right, or nearly, before the notice comes.
 *
 * Lunar dates and 清明, computed once with chinese-days (1.5.x) in Asia/Shanghai and checked against
 * the notices of 2024–2026 (see the test); the package itself shifts dates west of UTC, so the table
 * is kept here. Add years before 2040 runs out (the test fails in 2039).
 */
const LUNAR: Record<number, { springFestival: string; qingming: string; dragonBoat: string; midAutumn: string }> = {
  2025: { springFestival: '2025-01-29', qingming: '2025-04-04', dragonBoat: '2025-05-31', midAutumn: '2025-10-06' },
  2026: { springFestival: '2026-02-17', qingming: '2026-04-05', dragonBoat: '2026-06-19', midAutumn: '2026-09-25' },
  2027: { springFestival: '2027-02-06', qingming: '2027-04-05', dragonBoat: '2027-06-09', midAutumn: '2027-09-15' },
  2028: { springFestival: '2028-01-26', qingming: '2028-04-04', dragonBoat: '2028-05-28', midAutumn: '2028-10-03' },
  2029: { springFestival: '2029-02-13', qingming: '2029-04-04', dragonBoat: '2029-06-16', midAutumn: '2029-09-22' },
  2030: { springFestival: '2030-02-03', qingming: '2030-04-05', dragonBoat: '2030-06-05', midAutumn: '2030-09-12' },
  2031: { springFestival: '2031-01-23', qingming: '2031-04-05', dragonBoat: '2031-06-24', midAutumn: '2031-10-01' },
  2032: { springFestival: '2032-02-11', qingming: '2032-04-04', dragonBoat: '2032-06-12', midAutumn: '2032-09-19' },
  2033: { springFestival: '2033-01-31', qingming: '2033-04-04', dragonBoat: '2033-06-01', midAutumn: '2033-09-08' },
  2034: { springFestival: '2034-02-19', qingming: '2034-04-05', dragonBoat: '2034-06-20', midAutumn: '2034-09-27' },
  2035: { springFestival: '2035-02-08', qingming: '2035-04-05', dragonBoat: '2035-06-10', midAutumn: '2035-09-16' },
  2036: { springFestival: '2036-01-28', qingming: '2036-04-04', dragonBoat: '2036-05-30', midAutumn: '2036-10-04' },
  2037: { springFestival: '2037-02-15', qingming: '2037-04-04', dragonBoat: '2037-06-18', midAutumn: '2037-09-24' },
  2038: { springFestival: '2038-02-04', qingming: '2038-04-05', dragonBoat: '2038-06-07', midAutumn: '2038-09-13' },
  2039: { springFestival: '2039-01-24', qingming: '2039-04-05', dragonBoat: '2039-05-27', midAutumn: '2039-10-02' },
  2040: { springFestival: '2040-02-12', qingming: '2040-04-04', dragonBoat: '2040-06-14', midAutumn: '2040-09-20' },
};

export const STATUTORY_YEARS: readonly number[] = Object.keys(LUNAR).map(Number);

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The statutory holidays of `year` with their names; empty for a year outside the table. */
export function statutoryHolidays(year: number): { date: string; name: string }[] {
  const lunar = LUNAR[year];
  if (!lunar) return [];
  return [
    { date: `${year}-01-01`, name: '元旦' },
    ...[-1, 0, 1, 2].map((n) => ({ date: shift(lunar.springFestival, n), name: '春节' })),
    { date: lunar.qingming, name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunar.dragonBoat, name: '端午节' },
    { date: lunar.midAutumn, name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' },
  ];
}
