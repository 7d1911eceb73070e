/**
 * Published annual reports for the bulk check: the two real reports of seeds/reference, varied deterministically.
 *
 * Each text starts from one of the two references (沅江市城管执法局 2023: traditional characters with pinyin, one cell
 * per line; 安棚镇 2022: markdown-like tables) and gets another organisation, another year, a full set of table
 * figures drawn so that the identities of tables 三 and 四 hold (and, in about a third of the texts, one to three
 * figures moved so that they do not), narrative paragraphs that state totals and breakdowns of those figures (a few
 * deliberately wrong), and filler paragraphs up to a size drawn between 10 and 30 KB (UTF-8). Layouts: the two
 * originals, the markdown tables as tab-separated rows (a copy from Word or Excel), the markdown report in traditional
 * characters, the one-cell-per-line report in simplified characters.
 */
import { sify, tify } from 'chinese-conv';
import {
  TABLE2_BLOCKS,
  TABLE3_APPLICANT_COLUMNS,
  TABLE3_RESULT_LEAVES,
  TABLE4_GROUPS,
  TABLE4_OUTCOMES,
  allCells,
  cellKey,
} from '../../server/src/modules/annual-report/format.js';
import { SEED_001, SEED_003, figurePositions } from '../../server/src/modules/annual-report/reading/test-fixtures.js';

export type Layout = 'lines-traditional' | 'markdown' | 'tab-separated' | 'markdown-traditional' | 'lines-simplified';
const LAYOUTS: readonly Layout[] = ['lines-traditional', 'markdown', 'tab-separated', 'markdown-traditional', 'lines-simplified'];

export interface GeneratedReport {
  label: string;
  text: string;
  layout: Layout;
  year: number;
  organization: string;
  /** Table figures moved so that an identity of table 三 or 四 fails (the reader must report an ERROR). */
  brokenCells: number;
  /** Narrative figures written different from the table, or a breakdown that does not add up. */
  wrongClaims: number;
  bytes: number;
}

/** mulberry32: a small seeded PRNG, so that the same texts come out of every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const int = (r: Random, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

const COUNTIES = [
  '桃江县',
  '安化县',
  '赫山区',
  '资阳区',
  '南县',
  '汉寿县',
  '临澧县',
  '石门县',
  '澧县',
  '津市市',
  '武陵区',
  '鼎城区',
  '沅陵县',
  '辰溪县',
  '溆浦县',
];
const BUREAUS: readonly [full: string, short: string][] = [
  ['城市管理和综合执法局', '城管执法局'],
  ['自然资源局', '自然资源局'],
  ['住房和城乡建设局', '住建局'],
  ['生态环境分局', '生态环境分局'],
  ['交通运输局', '交通运输局'],
  ['市场监督管理局', '市场监管局'],
  ['人力资源和社会保障局', '人社局'],
  ['卫生健康局', '卫健局'],
  ['农业农村局', '农业农村局'],
  ['应急管理局', '应急管理局'],
  ['水利局', '水利局'],
  ['文化旅游广电体育局', '文旅广体局'],
];
const TOWNS = ['城关镇', '马迹塘镇', '修山镇', '灰山港镇', '鸬鹚渡镇', '松木塘镇', '三堂街镇', '高明乡', '牛田镇', '大栗港镇', '浮邱山乡', '武潭镇'];

/** Share of a column's applications per outcome (the rest: 0.015 each). */
const LEAF_WEIGHT: Readonly<Record<string, number>> = { granted: 0.4, unable_notHeld: 0.2, partiallyGranted: 0.1 };

/** The figures of one report, keyed by cellKey, and how many were moved off their identities. */
function drawFigures(r: Random): { values: Map<string, number>; broken: number } {
  const v = new Map<string, number>();
  const set = (table: 'table2' | 'table3' | 'table4', row: string, column: string, value: number) => v.set(cellKey(table, row, column), value);
  // 表二: 规章 mostly none, 规范性文件 a few, decisions from none to tens of thousands, fees in 万元 with decimals.
  const regulationsValid = r() < 0.1 ? int(r, 1, 6) : 0;
  const made = int(r, 0, 12);
  const repealed = int(r, 0, 4);
  set('table2', 'regulations', 'madeThisYear', regulationsValid ? int(r, 0, 1) : 0);
  set('table2', 'regulations', 'repealedThisYear', 0);
  set('table2', 'regulations', 'currentlyValid', regulationsValid);
  set('table2', 'normativeDocuments', 'madeThisYear', made);
  set('table2', 'normativeDocuments', 'repealedThisYear', repealed);
  set('table2', 'normativeDocuments', 'currentlyValid', made + int(r, 0, 60));
  set('table2', 'administrativeLicensing', 'decisionsThisYear', r() < 0.2 ? 0 : int(r, 1, 3000));
  set('table2', 'administrativePenalty', 'decisionsThisYear', r() < 0.2 ? 0 : int(r, 1, r() < 0.2 ? 40000 : 800));
  set('table2', 'administrativeCoercion', 'decisionsThisYear', r() < 0.5 ? 0 : int(r, 1, 60));
  set('table2', 'administrativeFees', 'feeAmount', r() < 0.4 ? 0 : Math.round(r() * 1_000_000) / 100);
  // 表三: per applicant column, results spread over the 21 leaves; 一 + 二 = 三（七）+ 四, totals by construction.
  const scale = pick(r, [3, 15, 60, 300, 1200]);
  const totals = new Map<string, number>();
  const add = (row: string, value: number) => totals.set(row, (totals.get(row) ?? 0) + value);
  for (const column of TABLE3_APPLICANT_COLUMNS) {
    let size = scale;
    if (column !== 'naturalPerson') size = r() < 0.5 ? 0 : Math.ceil((scale * r()) / 5);
    let results = 0;
    for (const leaf of TABLE3_RESULT_LEAVES) {
      const weight = LEAF_WEIGHT[leaf] ?? 0.015;
      const n = r() < 0.6 ? Math.round(size * weight * 2 * r()) : 0;
      set('table3', leaf, column, n);
      add(leaf, n);
      results += n;
    }
    const carriedOver = Math.round(results * 0.08 * r());
    const carriedForward = Math.round(results * 0.08 * r());
    set('table3', 'resultsTotal', column, results);
    set('table3', 'carriedOver', column, carriedOver);
    set('table3', 'carriedForward', column, carriedForward);
    set('table3', 'newReceived', column, results + carriedForward - carriedOver);
    add('resultsTotal', results);
    add('carriedOver', carriedOver);
    add('carriedForward', carriedForward);
    add('newReceived', results + carriedForward - carriedOver);
  }
  for (const [row, total] of totals) set('table3', row, 'total', total);
  // 表四: each group's 总计 is the sum of its four outcomes.
  for (const group of TABLE4_GROUPS) {
    let total = 0;
    for (const outcome of TABLE4_OUTCOMES) {
      const n = r() < 0.35 ? int(r, 1, group === 'review' ? 8 : 4) : 0;
      set('table4', 'count', `${group}_${outcome}`, n);
      total += n;
    }
    set('table4', 'count', `${group}_total`, total);
  }
  // About a third of the reports: one to three figures of table 三 or 四 moved (a typo, a total not updated).
  let broken = 0;
  if (r() < 0.33) {
    const movable = allCells().filter((c) => c.table !== 'table2');
    for (let k = int(r, 1, 3); k > 0; k--) {
      const c = pick(r, movable);
      const key = cellKey(c.table, c.row, c.column);
      const before = v.get(key)!;
      v.set(key, before + (before > 0 && r() < 0.5 ? -1 : int(r, 1, 3)));
      broken++;
    }
  }
  return { values: v, broken };
}

const figure = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, ''));

/** Splits n into `parts` non-negative integers that add up to n. */
function split(r: Random, n: number, parts: number): number[] {
  const cuts = Array.from({ length: parts - 1 }, () => Math.floor(r() * (n + 1))).sort((a, b) => a - b);
  return [...cuts, n].map((c, i) => c - (i ? cuts[i - 1]! : 0));
}

/** Sentences that state the tables' figures (some wrong on purpose) and breakdowns, plus filler, in simplified characters. */
function narrative(r: Random, org: string, year: number, v: Map<string, number>, targetBytes: number): { paragraphs: string[]; wrong: number } {
  let wrong = 0;
  const get = (table: string, row: string, column: string) => v.get(`${table}.${row}.${column}`) ?? 0;
  const stated = (n: number) => {
    if (r() < 0.08) {
      wrong++;
      return n + int(r, 1, 5);
    }
    return n;
  };
  const paragraphs: string[] = [];
  const newReceived = get('table3', 'newReceived', 'total');
  const ways = split(r, newReceived, 3);
  paragraphs.push(
    `（${pick(r, ['二', '三', '四'])}）依申请公开情况。${year}年，${org}共收到政府信息公开申请${stated(newReceived)}件，` +
      `其中当面申请${ways[0]}件、网络申请${ways[1]}件、信函申请${ways[2]}件。全年办结政府信息公开申请${stated(get('table3', 'resultsTotal', 'total'))}件，` +
      `上年结转的申请${get('table3', 'carriedOver', 'total')}件；结转下年度继续办理的申请${get('table3', 'carriedForward', 'total')}件。`,
  );
  const review = get('table4', 'count', 'review_total');
  const litigation = get('table4', 'count', 'litDirect_total') + get('table4', 'count', 'litAfterReview_total');
  paragraphs.push(
    review + litigation
      ? `因政府信息公开工作被申请行政复议${stated(review)}件，被提起行政诉讼${stated(litigation)}件，均依法按时提交答复材料。`
      : `全年未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。`,
  );
  const licensing = get('table2', 'administrativeLicensing', 'decisionsThisYear');
  if (licensing > 3) {
    const [a, b, c] = split(r, licensing, 3);
    paragraphs.push(`全年共办理行政许可审批事项${stated(licensing)}件，其中门店招牌审批${a}件、临时占道审批${b}件、挖掘城市道路审批${c}件。`);
  }
  const penalty = get('table2', 'administrativePenalty', 'decisionsThisYear');
  if (penalty) paragraphs.push(`依法作出行政处罚决定${stated(penalty)}件，处罚决定书按规定在作出决定之日起七个工作日内公开。`);
  const made = get('table2', 'normativeDocuments', 'madeThisYear');
  paragraphs.push(
    `本年印发行政规范性文件${stated(made)}件，现行有效规范性文件${get('table2', 'normativeDocuments', 'currentlyValid')}件，均按规定进行合法性审核。`,
  );
  const fee = get('table2', 'administrativeFees', 'feeAmount');
  if (fee) paragraphs.push(`全年收取行政事业性收费${figure(fee)}万元，全部缴入国库。`);

  // The ledger: a total and its parts (in one report out of ten the parts do not add up).
  const published = int(r, 40, 4000);
  const parts = split(r, published, 6);
  if (r() < 0.1) {
    parts[5] = parts[5]! + int(r, 1, 9);
    wrong++;
  }
  paragraphs.push(
    `二是强化主动公开。全年通过政府网站、政务新媒体主动公开政府信息${published}条，其中机构职能${parts[0]}条，政策文件${parts[1]}条，` +
      `工作动态${parts[2]}条，人事信息${parts[3]}条，财政资金${parts[4]}条，其他${parts[5]}条。`,
  );

  const filler = [
    () =>
      `${pick(r, ['一是', '二是', '三是', '四是'])}加强组织领导。${org}调整政务公开工作领导小组，由主要负责同志任组长，明确分管领导和${int(r, 2, 9)}名专职工作人员，` +
      `实行办公室统一归口管理，各股室明确一名信息公开联络员，建立健全信息采集、审核、发布、更新机制，确保发布信息安全准确、及时有效。`,
    () => {
      const calls = int(r, 100, 9000);
      const [a, b, c] = split(r, calls, 3);
      return `畅通互动渠道。全年受理“12345”热线工单及部门信箱来信${calls}件，其中咨询类${a}件、投诉类${b}件、建议类${c}件，办结率100%，群众满意度持续提升。`;
    },
    () => {
      const total = int(r, 2, 60);
      const charts = int(r, 0, Math.floor(total / 2));
      return (
        `加强政策解读。坚持政策性文件与解读方案、解读材料同步组织、同步审签、同步部署，全年发布政策解读${total}篇，` +
        `其中图表图解${charts}篇、视频动漫解读${int(r, 0, total - charts)}篇，主要负责同志带头解读重要政策，提升政策知晓度。`
      );
    },
    () =>
      `规范政府信息管理。对照《中华人民共和国政府信息公开条例》，全面梳理本单位政府信息公开事项标准目录，动态更新主动公开基本目录${int(r, 10, 90)}项，` +
      `严格执行公开前保密审查，全年未发生失泄密事件。`,
    () =>
      `加强平台建设。依托政府门户网站信息公开专栏和“${pick(r, ['微信公众号', '政务微博', '抖音号', '今日头条号'])}”政务新媒体，` +
      `及时发布工作动态和政策信息，全年更新栏目${int(r, 5, 40)}个，网站运行平稳，未出现严重表述错误和错链断链问题。`,
    () =>
      `强化监督保障。将政务公开工作纳入年度绩效考核，开展业务培训${int(r, 1, 12)}次，参训人员${int(r, 20, 400)}人次，` +
      `对照年度工作要点逐项抓好落实，定期通报各股室信息报送情况，确保政府信息公开工作扎实开展。`,
    () =>
      `推进重点领域信息公开。围绕优化营商环境、乡村振兴、生态环境保护、安全生产等重点工作，主动公开相关政策措施和落实情况，` +
      `重点领域信息公开专栏累计发布信息${int(r, 20, 500)}条，及时回应社会关切。`,
    () =>
      `深化政务服务公开。全面公开政务服务事项办事指南，所有事项实现网上可查、可办，办事流程、申请材料、办理时限等要素齐全，` +
      `政务服务窗口设置“提示卡”“服务指南”等便民资料，全年为群众提供咨询服务${int(r, 200, 5000)}余次。`,
  ];
  const problems = [
    `一是信息公开意识有待提升。部分股室公开意识不强，信息发布还不够及时。下一步将进一步转变思想观念，加强政府信息公开与日常工作的衔接，落实专人负责。`,
    `二是信息公开渠道有待拓宽。与群众切身利益密切相关的信息公开还不够全面、具体，公开方式不多。下一步将聚焦群众关注点，拓宽公开渠道，提高公开实效。`,
    `三是信息公开队伍有待加强。工作人员专业化水平不高。下一步将加强学习培训，提高政策把握能力、舆情研判能力和信息处理能力。`,
  ];
  let size = paragraphs.reduce((s, p) => s + bytes(p), 0);
  while (size < targetBytes) {
    const p = r() < 0.85 ? pick(r, filler)() : pick(r, problems);
    paragraphs.push(p);
    size += bytes(p) + 1;
  }
  return { paragraphs, wrong };
}

/** The markdown tables as tab-separated rows (a copy from Word or Excel): cells on tabs, no separator rows. */
function toTabSeparated(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^[-|\s:]+$/.test(line) || !line.includes('-'))
    .map((line) =>
      line.includes('|')
        ? line
            .replace(/\s*\|\s*$/, '')
            .split(/\s*\|\s*/)
            .join('\t')
        : line,
    )
    .join('\n');
}

/** Writes the figures over the template's own (the n-th `value |` of a seed is the n-th cell of allCells()). */
function withFigures(template: string, values: Map<string, number>): string {
  const positions = figurePositions(template);
  if (positions.length !== allCells().length) throw new Error(`template with ${positions.length} figures, expected ${allCells().length}`);
  let out = '';
  let last = 0;
  for (const p of positions) {
    out += template.slice(last, p.start) + figure(values.get(cellKey(p.cell.table, p.cell.row, p.cell.column))!);
    last = p.end;
  }
  return out + template.slice(last);
}

if (TABLE2_BLOCKS.flatMap((b) => b.rows).length !== 6) throw new Error('table 二 changed: revisit drawFigures');

/** `count` different reports, the same for the same seed. */
export function generateReports(count: number, seed = 20261201): GeneratedReport[] {
  const reports: GeneratedReport[] = [];
  for (let k = 0; k < count; k++) {
    const r = prng(seed + k * 7919);
    const layout = LAYOUTS[k % LAYOUTS.length]!;
    const fromYuanjiang = layout.startsWith('lines');
    const year = int(r, 2021, 2025);
    const county = pick(r, COUNTIES);
    const [bureau, short] = pick(r, BUREAUS);
    const town = pick(r, TOWNS);
    const organization = fromYuanjiang ? `${county}${bureau}` : `${county.slice(0, -1)}${town}`;
    const { values, broken } = drawFigures(r);
    const target = int(r, 10_000, 30_000);
    const value = (table: 'table2' | 'table3' | 'table4', row: string, column: string) => values.get(cellKey(table, row, column))!;
    let text: string;
    if (fromYuanjiang) {
      // 沅江市城市管理和综合执法局 2023, signed 2024年1月4日: its names, years and the narrative's own figures replaced, in
      // the characters of the layout (the original's traditional ones, or simplified).
      const src = (s: string) => (layout === 'lines-simplified' ? sify(s) : s);
      const dst = (s: string) => (layout === 'lines-traditional' ? tify(s) : s);
      const renamed = src(SEED_001)
        .replaceAll(src('沅江市城市管理和綜合執(zhí)法局'), dst(organization))
        .replaceAll(src('沅江市城管執(zhí)法局'), dst(`${county}${short}`))
        .replaceAll(src('城管執(zhí)法局'), dst(short))
        .replaceAll(src('城管局'), dst(short))
        .replaceAll('沅江', dst(county.slice(0, -1)))
        .replaceAll('2023', String(year))
        .replaceAll('2024年1月4日', `${year + 1}年1月${int(r, 5, 28)}日`);
      const licensing = value('table2', 'administrativeLicensing', 'decisionsThisYear');
      const [a, b, c, d, e] = split(r, licensing, 5);
      text = withFigures(renamed, values)
        .replace(
          new RegExp(`${src('全年共辦理行政許可')}[^。]*。`),
          dst(
            `全年共办理行政许可审批事项${licensing}件，其中门店招牌审批${a}件，临时占道围挡审批${b}件、临时占用挖掘城市道路审批${c}件，迁移城市树木${d}件，燃气许可${e}件。`,
          ),
        )
        .replace(src('收到政府信息公開申請2起'), dst(`收到政府信息公开申请${value('table3', 'newReceived', 'total')}起`))
        .replace(
          src('今年行政復議1件及行政訴訟1個案件'),
          dst(
            `今年行政复议${value('table4', 'count', 'review_total')}件及行政诉讼${value('table4', 'count', 'litDirect_total') + value('table4', 'count', 'litAfterReview_total')}个案件`,
          ),
        );
      const { paragraphs, wrong } = narrative(r, short, year, values, target - bytes(text));
      const at = text.indexOf(src('二、主動公開政府信息情況'));
      text = text.slice(0, at) + paragraphs.map(dst).join('\n') + '\n' + text.slice(at);
      reports.push({
        label: `${organization}-${year}-${k}.txt`,
        text,
        layout,
        year,
        organization,
        brokenCells: broken,
        wrongClaims: wrong,
        bytes: bytes(text),
      });
    } else {
      // 安棚镇 2022: no title, no signature; most copies here carry both.
      text = withFigures(SEED_003.replaceAll('安棚镇', organization).replaceAll('安棚', organization.slice(0, -1)).replaceAll('2022', String(year)), values);
      const signed = r() < 0.8;
      const { paragraphs, wrong } = narrative(r, organization, year, values, target - bytes(text) - (signed ? 120 : 0));
      const at = text.indexOf('二、主动公开政府信息情况');
      text = text.slice(0, at) + paragraphs.join('\n') + '\n' + text.slice(at);
      if (signed) text = `${organization}${year}年政府信息公开工作年度报告\n${text}\n${organization}人民政府\n${year + 1}年1月${int(r, 5, 28)}日`;
      if (layout === 'tab-separated') text = toTabSeparated(text);
      if (layout === 'markdown-traditional') text = tify(text);
      reports.push({
        label: `${organization}-${year}-${k}.txt`,
        text,
        layout,
        year,
        organization,
        brokenCells: broken,
        wrongClaims: wrong,
        bytes: bytes(text),
      });
    }
  }
  return reports;
}
