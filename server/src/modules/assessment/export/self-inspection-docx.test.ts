import { describe, expect, it } from 'vitest';
import { openZip, readDocx } from '../../annual-report/export/docx-read.js';
import type { SelfInspectionReport } from '../self-inspection-report.js';
import { readDocxHyperlinks } from './docx-links.js';
import { selfInspectionDocx, selfInspectionFileName } from './self-inspection-docx.js';

const LINKS = {
  organization: { title: '本局机构职能', url: 'https://www.example.gov.cn/zwgk/jgzn/index.html' },
  // An ampersand and Chinese characters: the target must come back exactly as given.
  listing: { title: '2026年第三季度发布清单', url: 'https://zwgk.example.gov.cn/search?q=城管局&year=2026&page=1' },
  statistics: { title: '发布统计', url: 'http://example.gov.cn/tj.html?a=1&b=2' },
  commendation: { title: '省办表扬通报', url: 'https://www.example.gov.cn/bz?id=1&t=表彰' },
} as const;

function sampleReport(): SelfInspectionReport {
  return {
    unitName: '局办公室',
    organizationName: '平顶山市城市管理局',
    periodLabel: '2026年下半年',
    title: '关于2026年下半年政务公开工作自查情况的报告',
    opening: '按照《关于做好2026年下半年政务公开考核工作的通知》要求，结合工作实际，现将自查情况报告如下：',
    groups: [
      {
        title: '主动公开',
        items: [
          {
            code: '1',
            title: '机构信息',
            requirement: '公开本部门的机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名，并及时动态更新调整。',
            finding: '已在机构职能板块公开。',
            points: 2,
            maxPoints: 2,
            evidence: [LINKS.organization],
          },
          {
            code: '10',
            title: '信息公开年报',
            requirement: '在政府信息公开平台发布年度报告，做到内容完整、格式规范、发布及时。',
            finding: '已按要求公开。\n年报于1月20日发布。',
            points: 3,
            maxPoints: 3,
            evidence: [],
          },
        ],
      },
      {
        title: '信息发布情况',
        items: [
          {
            code: '16',
            title: '政府信息公开平台发布数量',
            requirement: '每季度公开50条、年度200条。',
            finding: '已按要求年度公开发布207条。',
            points: 83.5,
            maxPoints: 95,
            evidence: [LINKS.listing, LINKS.statistics],
          },
        ],
      },
    ],
    bonus: {
      title: '被国办、省办通报表扬',
      finding: '本单位工作被省办通报表扬。',
      points: 2,
      maxPoints: 5,
      evidence: [LINKS.commendation],
    },
    total: 88.5,
    maxTotal: 100,
    date: '2026-12-01',
  };
}

/** The body of the sample report as it must read, paragraph by paragraph (empty ones left out). */
const EXPECTED = [
  '局办公室',
  '关于2026年下半年政务公开工作自查情况的报告',
  '按照《关于做好2026年下半年政务公开考核工作的通知》要求，结合工作实际，现将自查情况报告如下：',
  '一、主动公开',
  '1、机构信息：公开本部门的机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名，并及时动态更新调整。',
  '自查情况：已在机构职能板块公开。',
  '10、信息公开年报：在政府信息公开平台发布年度报告，做到内容完整、格式规范、发布及时。',
  '自查情况：已按要求公开。',
  '年报于1月20日发布。',
  '二、信息发布情况',
  '16、政府信息公开平台发布数量：每季度公开50条、年度200条。',
  '自查情况：已按要求年度公开发布207条。',
  '三、加分项：被国办、省办通报表扬',
  '自查情况：本单位工作被省办通报表扬。',
  '附件为佐证材料。',
  '附件：',
  '1、机构信息',
  LINKS.organization.title,
  LINKS.organization.url,
  '16、政府信息公开平台发布数量',
  LINKS.listing.title,
  LINKS.listing.url,
  LINKS.statistics.title,
  LINKS.statistics.url,
  '加分项：被国办、省办通报表扬',
  LINKS.commendation.title,
  LINKS.commendation.url,
  '自评得分：88.5分（满分100分）',
  '局办公室',
  '2026年12月1日',
];

const textOf = (docx: Buffer) => readDocx(docx).paragraphs.filter((p) => p !== '');

/** The first of `expected` that is not found in `paragraphs` after the ones before it, or null when all are, in order. */
function firstMissing(paragraphs: readonly string[], expected: readonly string[]): string | null {
  let from = 0;
  for (const text of expected) {
    const at = paragraphs.indexOf(text, from);
    if (at < 0) return text;
    from = at + 1;
  }
  return null;
}

/** What the items must show, in order: "code、title：requirement" then "自查情况：finding" (its first line). */
function itemLines(report: SelfInspectionReport): string[] {
  return report.groups.flatMap((group) =>
    group.items.flatMap((item) => [`${item.code}、${item.title}：${item.requirement}`, `自查情况：${item.finding.split('\n')[0]}`]),
  );
}

describe('selfInspectionDocx', () => {
  it('lays out the title, the groups, every item with its finding, the bonus, the 附件 list and the total', async () => {
    const docx = await selfInspectionDocx(sampleReport());
    const paragraphs = textOf(docx);
    expect(paragraphs).toEqual(EXPECTED);
    expect(firstMissing(paragraphs, itemLines(sampleReport()))).toBeNull();
    // The total and the date close the document.
    expect(paragraphs.slice(-3)).toEqual(['自评得分：88.5分（满分100分）', '局办公室', '2026年12月1日']);
  });

  it('notices an item that is dropped', async () => {
    const report = sampleReport();
    const expected = itemLines(report);
    report.groups[0]!.items.splice(1, 1);
    const paragraphs = textOf(await selfInspectionDocx(report));
    expect(firstMissing(paragraphs, expected)).toBe(expected[2]);
  });

  it('links every piece of evidence to its exact address', async () => {
    const docx = await selfInspectionDocx(sampleReport());
    expect(readDocxHyperlinks(docx)).toEqual([
      { text: LINKS.organization.title, target: LINKS.organization.url },
      { text: LINKS.listing.title, target: LINKS.listing.url },
      { text: LINKS.statistics.title, target: LINKS.statistics.url },
      { text: LINKS.commendation.title, target: LINKS.commendation.url },
    ]);
    const rels = openZip(docx).read('word/_rels/document.xml.rels')!.toString('utf8');
    expect(rels).toContain('Target="https://zwgk.example.gov.cn/search?q=城管局&amp;year=2026&amp;page=1" TargetMode="External"');
  });

  it('names the fonts of government documents, with the fallbacks Word uses when they are missing', async () => {
    const zip = openZip(await selfInspectionDocx(sampleReport()));
    const styles = zip.read('word/styles.xml')!.toString('utf8');
    for (const name of ['方正小标宋简体', '仿宋_GB2312', '黑体']) expect(styles).toContain(`w:eastAsia="${name}"`);
    const fonts = zip.read('word/fontTable.xml')!.toString('utf8');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });

  it('leaves out the 附件 without evidence, links only web addresses and drops characters XML cannot hold', async () => {
    const report = sampleReport();
    report.bonus = null;
    report.groups = [report.groups[0]!];
    report.groups[0]!.items[0]!.evidence = [{ title: '脚本', url: 'javascript:alert(1)' }];
    report.groups[0]!.items[1]!.finding = '已按要求\u0000公开。';
    report.total = 4.999999;
    report.maxTotal = 5;
    const docx = await selfInspectionDocx(report);
    const paragraphs = textOf(docx);
    expect(paragraphs).toContain('自查情况：已按要求公开。');
    expect(paragraphs).toContain('javascript:alert(1)');
    expect(paragraphs.some((p) => p.includes('加分项'))).toBe(false);
    expect(paragraphs).toContain('自评得分：5分（满分5分）');
    expect(readDocxHyperlinks(docx)).toEqual([]);

    report.groups[0]!.items[0]!.evidence = [];
    const bare = textOf(await selfInspectionDocx(report));
    expect(bare).not.toContain('附件：');
    expect(bare).not.toContain('附件为佐证材料。');
  });
});

describe('selfInspectionFileName', () => {
  it('is the unit, the period and the kind of report', () => {
    expect(selfInspectionFileName(sampleReport())).toBe('局办公室-2026年下半年政务公开自查报告.docx');
    expect(selfInspectionFileName({ unitName: '执法/督查科', periodLabel: '2026年' })).toBe('执法督查科-2026年政务公开自查报告.docx');
  });
});
