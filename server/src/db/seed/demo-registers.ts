/**
 * Demo registers for the year up to today: 依申请公开 applications, 建议提案 replies to disclose,
 * 网站留言 to answer and 行政处罚 decisions to publish. Pure: a function of the day, the calendar
 * and a stable hash. Most are handled in time; the ones received lately are open (some due soon);
 * one or two whose time ran out in the last few working days are still open (overdue by days).
 */
import { addDays } from '../../time/calendar-date.js';
import type { WorkingDayCalendar } from '../../modules/calendar/working-day-calendar.js';
import { draw } from './demo-progress.js';

export type RegisterKind = 'APPLICATION' | 'PROPOSAL' | 'MESSAGE' | 'PENALTY';

export interface RegisterEntry {
  kind: RegisterKind;
  /** Department code (seeds/demo.json). */
  department: string;
  title: string;
  party: string;
  referenceNumber: string | null;
  /** Receipt / reply done / message received / decision made: the clock's start. */
  eventOn: string;
  /** The last permissible day under the rule. */
  dueOn: string;
  /** Answered / disclosed / published; null while open. Always before today. */
  completedOn: string | null;
}

/** Working days each rule allows (the seeded deadline rules: 条例第三十三条, seed 000, seed 004). */
export const REGISTER_DAYS: Record<RegisterKind, number> = { APPLICATION: 20, PROPOSAL: 7, MESSAGE: 5, PENALTY: 7 };
/** Open items whose time ran out this many working days ago at most, kept open on purpose. */
export const MAX_REGISTER_WORKING_DAYS_LATE = 5;

const MESSAGE_TOPICS: [string, string][] = [
  ['关于建设路与中兴路交叉口占道经营的反映', 'PDS-SRZX'],
  ['小区门口路灯夜间不亮', 'PDS-SZSS'],
  ['湛河沿线绿地杂草较多', 'PDS-YLLH'],
  ['垃圾清运不及时的反映', 'PDS-HWZX'],
  ['新华路人行道破损', 'PDS-SZWH'],
  ['夜间施工噪声扰民', 'PDS-ZFZD'],
  ['户外广告牌存在安全隐患', 'PDS-SRZX'],
  ['窨井盖缺失', 'PDS-SZWH'],
  ['共享单车乱停放', 'PDS-SZCG'],
  ['咨询城市道路挖掘许可办理流程', 'PDS-XZSP'],
  ['公厕开放时间咨询', 'PDS-HWZX'],
  ['建筑垃圾违规倾倒', 'PDS-ZFZD-1'],
];
const PENALTY_CASES = ['未经批准擅自设置户外广告', '擅自占用城市道路经营', '违规倾倒建筑垃圾', '未按规定处置餐厨垃圾', '擅自挖掘城市道路', '损坏城市绿地'];
const APPLICATION_TOPICS = [
  '某路段道路改造工程的立项批复文件',
  '本年度城市管理执法检查计划',
  '某小区周边违法建设的处理结果',
  '城市生活垃圾处理费收支情况',
  '某户外广告设置许可的审批材料',
  '园林绿化养护项目招标结果',
  '占道经营管理规定的制定依据',
];
const APPLICANTS = ['张**', '李**', '王**', '刘**', '陈**', '杨**', '赵**', '某某律师事务所', '某某建设有限公司'];
const PROPOSALS: [string, string][] = [
  ['关于加快老旧小区市政设施改造的建议', 'PDS-SZSS'],
  ['关于规范城区早夜市管理的提案', 'PDS-SRZX'],
  ['关于推进生活垃圾分类的建议', 'PDS-HWZX'],
  ['关于增加城区口袋公园的提案', 'PDS-YLLH'],
  ['关于完善数字化城市管理平台的建议', 'PDS-SZCG'],
  ['关于加强户外广告安全管理的提案', 'PDS-SRZX'],
  ['关于规范城管执法行为的建议', 'PDS-ZFZD'],
  ['关于改善背街小巷照明的建议', 'PDS-SZWH'],
];

function applicationOn(day: string): Omit<RegisterEntry, 'dueOn' | 'completedOn'> {
  return {
    kind: 'APPLICATION',
    department: 'PDS-BGS',
    title: `申请公开${pickOf(APPLICATION_TOPICS, draw(`app-topic|${day}`))}`,
    party: pickOf(APPLICANTS, draw(`app-party|${day}`)),
    referenceNumber: null,
    eventOn: day,
  };
}

function pickOf<T>(items: readonly T[], r: number): T {
  return items[Math.floor(r * items.length)]!;
}

/**
 * The entries of the year before `today` (the last 365 days, so that on 1 January December's are
 * there), and the applications since December of the year before last. Deterministic for a given day.
 */
export function demoRegisters(calendar: WorkingDayCalendar, today: string): RegisterEntry[] {
  const first = addDays(today, -364);
  // Applications go back to December of the year before last: last year's annual report counts a whole
  // year of them, and the ones carried over into it (上年结转).
  const firstApplication = `${Number(today.slice(0, 4)) - 2}-12-01`;
  const entries: Omit<RegisterEntry, 'dueOn' | 'completedOn'>[] = [];
  const serial = new Map<string, number>();
  const next = (key: string) => {
    const n = (serial.get(key) ?? 0) + 1;
    serial.set(key, n);
    return String(n).padStart(4, '0');
  };
  for (let day = firstApplication < first ? firstApplication : first; day <= today; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    const year = day.slice(0, 4);
    if (day < first) {
      if (draw(`app|${day}`) < 0.12) entries.push(applicationOn(day));
      continue;
    }
    // ≈ 0.6 messages, 0.3 penalty decisions and 0.12 applications a working day.
    if (draw(`msg|${day}`) < 0.6) {
      const [title, department] = pickOf(MESSAGE_TOPICS, draw(`msg-topic|${day}`));
      entries.push({
        kind: 'MESSAGE',
        department,
        title,
        party: `网民${pickOf(APPLICANTS.slice(0, 7), draw(`msg-party|${day}`))}`,
        referenceNumber: `LY${day.replaceAll('-', '')}01`,
        eventOn: day,
      });
    }
    if (draw(`pen|${day}`) < 0.3) {
      const department = draw(`pen-dept|${day}`) < 0.5 ? 'PDS-ZFZD-1' : 'PDS-ZFZD-2';
      const party = pickOf(['某某商贸有限公司', '某某餐饮店', '某某建筑工程有限公司', '王**', '孙**'], draw(`pen-party|${day}`));
      entries.push({
        kind: 'PENALTY',
        department,
        title: `${party}${pickOf(PENALTY_CASES, draw(`pen-case|${day}`))}案`,
        party,
        referenceNumber: `平城管罚决字〔${year}〕第${next(`pen|${year}`)}号`,
        eventOn: day,
      });
    }
    if (draw(`app|${day}`) < 0.12) entries.push(applicationOn(day));
  }
  // 建议提案: the replies are finished in the summer (复文办结, May–August), then disclosed within 7 working days.
  for (const year of [Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))]) {
    for (const [i, [title, department]] of PROPOSALS.entries()) {
      const done = calendar.nextWorkingDayOnOrAfter(addDays(`${year}-05-10`, Math.floor(draw(`prop|${year}|${i}`) * 110)));
      if (done < first || done > today) continue;
      entries.push({
        kind: 'PROPOSAL',
        department,
        title: `${title}的答复`,
        party: i % 2 ? '市政协委员' : '市人大代表',
        referenceNumber: `${year}年第${String(11 + i * 7)}号`,
        eventOn: done,
      });
    }
  }

  const withDue = entries.map((e) => ({ ...e, dueOn: calendar.addWorkingDays(e.eventOn, REGISTER_DAYS[e.kind]).date }));
  // One or two of those whose time ran out in the last few working days are still open: overdue by days.
  const lately = withDue
    .filter((e) => e.dueOn < today && calendar.workingDaysBetween(e.dueOn, today) <= MAX_REGISTER_WORKING_DAYS_LATE)
    .sort((a, b) => draw(`late|${a.kind}|${a.eventOn}`) - draw(`late|${b.kind}|${b.eventOn}`));
  const keptOpen = new Set(lately.slice(0, draw(`late-count|${today}`) < 0.5 ? 1 : 2));
  // And one or two whose last day is near (today or the next two working days) are still being handled.
  const nearlyDue = withDue
    .filter((e) => e.eventOn < today && e.dueOn >= today && calendar.workingDaysBetween(today, e.dueOn) <= 2)
    .sort((a, b) => draw(`near|${a.kind}|${a.eventOn}`) - draw(`near|${b.kind}|${b.eventOn}`));
  for (const e of nearlyDue.slice(0, draw(`near-count|${today}`) < 0.5 ? 1 : 2)) keptOpen.add(e);

  return withDue.map((e) => {
    if (keptOpen.has(e)) return { ...e, completedOn: null };
    const key = `${e.kind}|${e.eventOn}|${e.title}`;
    // Handled within the period: a message in 1–3 working days, the others in the second half of theirs.
    const days = REGISTER_DAYS[e.kind];
    const k =
      e.kind === 'MESSAGE'
        ? 1 + Math.floor(draw(`handled|${key}`) * 3)
        : Math.ceil(days / 2) + Math.floor(draw(`handled|${key}`) * (days - Math.ceil(days / 2) + 1));
    let completedOn = calendar.addWorkingDays(e.eventOn, k).date;
    if (completedOn > e.dueOn) completedOn = e.dueOn;
    // One in forty is handled a working day or two late (and shows so in the register).
    if (draw(`handled-late|${key}`) < 0.025) completedOn = calendar.addWorkingDays(e.dueOn, 1 + Math.floor(draw(`late-by|${key}`) * 2)).date;
    // Not handled yet (its time still runs, or the late answer is still to come): open.
    return { ...e, completedOn: completedOn < today ? completedOn : null };
  });
}
