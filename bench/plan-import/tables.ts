/**
 * Deterministic 任务分工 tables for `bench:plan-import`: 序号 / 工作任务 / 具体要求 / 牵头单位 / 责任单位 / 完成时限, one
 * 工作任务 over 3–5 rows (repeated in the pasted text, merged in the .xlsx, rowspan in the HTML), unit lists written
 * as offices write them ("办公室、政策法规科", 局办公室, 各科室, 局属各单位) and time limits as written (年底前,
 * 6月底前, 持续推进, 每季度 …). The seed makes each document different (the same document twice is refused).
 */
import ExcelJS from 'exceljs';

/** The organisation's departments: 16 offices (科室) and 14 subordinate units (中心、大队、所). */
export const OFFICES = [
  '办公室',
  '政策法规科',
  '行政审批科',
  '财务审计科',
  '人事教育科',
  '市容环境卫生管理科',
  '市政设施管理科',
  '园林绿化科',
  '城市规划监察科',
  '执法督察科',
  '安全生产科',
  '宣传信息科',
  '信访科',
  '法制科',
  '指挥调度科',
  '机关党委',
] as const;
export const UNITS = [
  '数字城管指挥中心',
  '环境卫生管理中心',
  '市政工程管理中心',
  '园林绿化管理中心',
  '城市照明管理中心',
  '停车管理中心',
  '信息技术保障中心',
  '综合执法一大队',
  '综合执法二大队',
  '综合执法三大队',
  '综合执法四大队',
  '市容秩序大队',
  '渣土运输管理大队',
  '公园管理所',
] as const;

const HEADER = ['序号', '工作任务', '具体要求', '牵头单位', '责任单位', '完成时限'] as const;
const SUBJECTS = [
  '规范性文件',
  '行政处罚决定',
  '行政许可事项',
  '财政预决算',
  '重大建设项目',
  '政府信息公开申请',
  '政策解读',
  '网站留言',
  '市容环境整治',
  '城市管理执法',
  '公共服务事项',
  '权责清单',
  '“双随机、一公开”抽查结果',
  '安全生产监管信息',
  '园林绿化工程',
  '停车收费标准',
  '环卫作业质量考核',
  '城市照明设施维护',
  '投诉举报办理',
  '突发事件应对',
];
const VERBS = ['推进', '深化', '加强', '做好', '规范', '完善'];
const TOPIC_TAILS = ['信息公开', '公开工作', '公开和解读', '主动公开', '公开质量'];
const DUTIES = [
  (s: string, n: number) => `在形成或变更之日起${n}个工作日内公开${s}，并同步更新政府信息公开专栏`,
  (s: string, n: number) => `按照“谁制发、谁解读”原则，对${s}开展政策解读，解读材料与文件同步公开，解读率达到${80 + (n % 20)}%以上`,
  (s: string, n: number) => `梳理${s}目录，逐项明确公开内容、公开时限和公开方式，每半年动态调整${n % 3 === 0 ? '一' : '两'}次`,
  (s: string, n: number) => `通过门户网站、政务新媒体等渠道集中发布${s}，全年发布信息不少于${n * 5}条`,
  (s: string, n: number) => `建立${s}公开台账，做到底数清、责任明，每季度自查不少于${n}项`,
  (s: string, n: number) => `对${s}公开情况开展专项检查，发现问题${n}日内整改到位`,
  (s: string, n: number) => `加强${s}公开前保密审查和个人信息保护，全年开展培训不少于${1 + (n % 4)}次`,
  (s: string, n: number) => `围绕${s}组织开展政府开放日、新闻发布会等活动${1 + (n % 3)}场次，回应社会关切`,
];
const TIME_LIMITS = ['年底前', '6月底前', '持续推进', '每季度', '9月底前', '上半年', '长期坚持', '每月'];

export interface PlanTable {
  title: string;
  rows: string[][];
  /** The rows each 工作任务 spans, in order. */
  groups: number[];
}

/** mulberry32: a small deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The first choice whose threshold is above `r`. */
function choose(r: number, choices: ReadonlyArray<readonly [number, () => string]>): string {
  return (choices.find(([threshold]) => r < threshold) ?? choices.at(-1)!)[1]();
}

/** A 任务分工 table of `rowCount` rows for document `seed` of the year. */
export function generateTable(seed: number, year: number, rowCount = 300): PlanTable {
  const rnd = random(seed * 7919 + 17);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const units = (from: readonly string[], max: number): string => {
    const count = 1 + Math.floor(rnd() * max);
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(pick(from));
    return [...chosen].join('、');
  };
  const rows: string[][] = [];
  const groups: number[] = [];
  let group = 0;
  while (rows.length < rowCount) {
    const span = Math.min(3 + Math.floor(rnd() * 3), rowCount - rows.length);
    const subject = SUBJECTS[group % SUBJECTS.length]!;
    const task = `${VERBS[Math.floor(group / SUBJECTS.length) % VERBS.length]}${subject}${TOPIC_TAILS[(group + seed) % TOPIC_TAILS.length]}`;
    for (let i = 0; i < span; i++) {
      const n = 2 + Math.floor(rnd() * 28);
      const lead = choose(rnd(), [
        [0.08, () => '各科室'],
        [0.16, () => '局办公室'],
        [1, () => units(OFFICES, 2)],
      ]);
      const responsible = choose(rnd(), [
        [0.1, () => '局属各单位'],
        [0.18, () => '各科室'],
        [0.6, () => units(UNITS, 3)],
        [1, () => `${units(OFFICES, 1)}、${units(UNITS, 2)}`],
      ]);
      rows.push([String(rows.length + 1), task, pick(DUTIES)(subject, n), lead, responsible, pick(TIME_LIMITS)]);
    }
    groups.push(span);
    group++;
  }
  return { title: `${year}年政务公开重点工作任务分工（第${seed}号）`, rows, groups };
}

/** As copied out of a spreadsheet: tab-separated, the 工作任务 repeated on each row of its group. */
export function toText(table: PlanTable): string {
  return [HEADER, ...table.rows].map((r) => r.join('\t')).join('\n');
}

/** As copied from a government website: the 工作任务 once per group, with rowspan. */
export function toHtml(table: PlanTable): string {
  const out = [`<p>${table.title}</p>`, '<table>', `<tr>${HEADER.map((h) => `<th>${h}</th>`).join('')}</tr>`];
  let row = 0;
  for (const span of table.groups) {
    for (let i = 0; i < span; i++, row++) {
      const [number, task, ...rest] = table.rows[row]!;
      const group = i === 0 ? `<td rowspan="${span}">${task}</td>` : '';
      out.push(`<tr><td>${number}</td>${group}${rest.map((c) => `<td>${c}</td>`).join('')}</tr>`);
    }
  }
  out.push('</table>');
  return out.join('\n');
}

/** As an office's workbook: a header row, the 工作任务 cells of a group merged. */
export async function toXlsx(table: PlanTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('任务分工');
  sheet.addRow([...HEADER]);
  for (const row of table.rows) sheet.addRow(row);
  let first = 2;
  for (const span of table.groups) {
    if (span > 1) sheet.mergeCells(first, 2, first + span - 1, 2);
    first += span;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
