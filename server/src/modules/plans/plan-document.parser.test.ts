import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocumentNumbers, extractDutyItems, extractTimeLimits, parseSelfInspection, parseUnits, parseWorkPlan } from './plan-document.parser.js';
import type { ParsedWorkPoint } from './plan-document.types.js';

const seed = (name: string): string => readFileSync(new URL(`../../../../seeds/${name}`, import.meta.url), 'utf8');

function byNumber(points: ParsedWorkPoint[], number: string): ParsedWorkPoint {
  const point = points.find((p) => p.number === number);
  if (!point) throw new Error(`no point ${number}; have ${points.map((p) => p.number).join(', ')}`);
  return point;
}

describe('parseWorkPlan on the 平顶山 2021 seed', () => {
  const plan = parseWorkPlan(seed('pingdingshan-2021-work-plan.txt'));

  it('reads title, issuer, year and the preamble basis documents', () => {
    expect(plan.title).toBe('平顶山市城市管理局(平顶山市城市综合执法局)2021年度政务公开工作要点');
    expect(plan.issuer).toBe('平顶山市城市管理局');
    expect(plan.year).toBe(2021);
    expect(plan.basisDocuments).toEqual(['国办发〔2016〕80号', '豫办〔2016〕60号']);
  });

  it('returns exactly the 16 assignable points of section 二, in order', () => {
    expect(plan.points.map((p) => p.number)).toEqual([
      '二(一)',
      '二(二)',
      '二(三)',
      '二(四)',
      '二(五)',
      '二(六)',
      '二(七)',
      '二(八)',
      '二(九)',
      '二(十)',
      '二(十一)',
      '二(十二)',
      '二(十三)',
      '二(十四)',
      '二(十五)',
      '二(十六)',
    ]);
    expect(plan.points.map((p) => p.sequence)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(plan.points.map((p) => p.title)).toEqual([
      '建议提案办理结果公开',
      '权力清单公开',
      '政务服务信息公开',
      '“双随机”监管信息公开',
      '行政处罚信息公开',
      '法治政府建设年度报告',
      '督察督办及问题整改落实情况公开',
      '重大项目信息公开',
      '应急管理信息公开',
      '城区停车场(位)信息公开',
      '政策解读',
      '政府公报',
      '网站互动',
      '政府网站平台建设',
      '政务新媒体建设',
      '依申请公开',
    ]);
    for (const point of plan.points) {
      expect(point.section).toBe('重点领域信息公开');
      expect(point.selfInspection).toBeNull();
      expect(point.duties.length).toBeGreaterThan(10);
    }
  });

  it('parses leads and responsible units', () => {
    expect(plan.points.map((p) => p.leads.departments)).toEqual([
      ['局办公室'],
      ['局政策法规科'],
      ['局行政审批科'],
      ['局政策法规科'],
      ['局政策法规科'],
      ['局政策法规科'],
      ['局办公室'],
      ['局政策法规科'],
      ['局人事科', '市政设施管理科'],
      ['市容秩序管理科', '数字城管中心'],
      ['局办公室'],
      ['局政策法规科'],
      ['局办公室'],
      ['局办公室'],
      ['局办公室'],
      ['局办公室'],
    ]);
    for (const point of plan.points) {
      expect(point.leads.scopes).toEqual([]);
      expect(point.responsible).toEqual({ departments: [], scopes: ['SUBORDINATE_UNITS', 'OFFICES'] });
    }
  });

  it('splits labelled points into 政策依据 and 职责分工 without the labels', () => {
    const first = byNumber(plan.points, '二(一)');
    expect(first.policyBasis).toMatch(/^根据《国务院办公厅关于做好全国人大代表建议/);
    expect(first.policyBasis).toMatch(/方便公众查阅。$/);
    expect(first.duties).toBe('在门户网站公开本年度人大代表建议和政协委员提案办理复文全文。');
    expect(first.citedDocuments).toEqual(['国办发〔2014〕46号', '豫政办〔2013〕10号']);
    expect(byNumber(plan.points, '二(二)').policyBasis).toMatch(/^《中央编办法制办/);
  });

  it('collects cited documents per point', () => {
    expect(byNumber(plan.points, '二(三)').citedDocuments).toEqual(['国办发〔2018〕45号', '国办发〔2018〕47号']);
    expect(byNumber(plan.points, '二(五)').citedDocuments).toEqual(['国令第711号', '发改办财金〔2018〕424号', '豫发改财金〔2019〕689号']);
    expect(byNumber(plan.points, '二(七)').citedDocuments).toEqual(['国办发〔2014〕42号', '豫政办〔2014〕183号']);
    expect(byNumber(plan.points, '二(十五)').citedDocuments).toEqual(['国办发〔2018〕123号', '豫政办明电〔2019〕28号']);
    expect(byNumber(plan.points, '二(十)').citedDocuments).toEqual([]);
  });

  it('extracts duty sub-items', () => {
    const eight = byNumber(plan.points, '二(八)');
    expect(eight.dutyItems).toHaveLength(2);
    expect(eight.dutyItems[0]).toMatch(/^对我局涉及的重大建设项目/);
    expect(eight.dutyItems[1]).toMatch(/^质量安全监督信息。主要公开/);
    const eleven = byNumber(plan.points, '二(十一)');
    expect(eleven.dutyItems).toHaveLength(5);
    expect(eleven.dutyItems[0]).toBe('在门户网站设置政策解读专栏,对自身政策进行分类解读和公开');
    expect(eleven.dutyItems[4]).toBe('政策解读与政策文件同步发布,并与政策文件相关联。');
    expect(byNumber(plan.points, '二(十六)').dutyItems).toHaveLength(5);
    expect(byNumber(plan.points, '二(一)').dutyItems).toEqual([]);
  });

  it('extracts time limits from the duties', () => {
    expect(byNumber(plan.points, '二(五)').timeLimits).toContain('7个工作日内');
    expect(byNumber(plan.points, '二(六)').timeLimits).toContain('每年4月1日前');
    expect(byNumber(plan.points, '二(十三)').timeLimits).toEqual(['不超过5个工作日']);
    expect(byNumber(plan.points, '二(十五)').timeLimits).toEqual(['一周两次']);
    expect(byNumber(plan.points, '二(十六)').timeLimits).toEqual(['20个工作日内']);
    expect(byNumber(plan.points, '二(一)').timeLimits).toEqual([]);
  });

  it('treats an unlabelled point with no citation as all duties (二(九))', () => {
    const nine = byNumber(plan.points, '二(九)');
    expect(nine.policyBasis).toBe('');
    expect(nine.duties).toMatch(/^加强安全生产信息公开/);
    expect(nine.duties).toContain('在门户网站发布每年举办的“安全生产月”');
    expect(nine.duties).toContain('建立完善突发公共事件等应急预案');
    expect(nine.dutyItems).toHaveLength(2);
    expect(nine.dutyItems[1]).toMatch(/^建立完善突发公共事件/);
  });

  it('takes an unlabelled item 1 that cites documents as the basis (二(十))', () => {
    const ten = byNumber(plan.points, '二(十)');
    expect(ten.policyBasis).toMatch(/^根据《平顶山市人民政府关于印发/);
    expect(ten.policyBasis).toMatch(/查询工作。$/);
    expect(ten.duties).toMatch(/^我市“智慧停车平台”/);
    expect(ten.duties).not.toContain('根据《');
  });
});

describe('parseSelfInspection on the 威县 2023H1 seed', () => {
  const doc = parseSelfInspection(seed('weixian-2023h1-self-inspection.txt'));

  it('reads title, issuer and year', () => {
    expect(doc.title).toBe('威县城市管理综合行政执法局关于2023年上半年政务公开工作报告');
    expect(doc.issuer).toBe('威县城市管理综合行政执法局');
    expect(doc.year).toBe(2023);
    expect(doc.basisDocuments).toEqual([]);
  });

  it('returns the 21 numbered requirements, with sections', () => {
    expect(doc.points.map((p) => p.number)).toEqual(Array.from({ length: 21 }, (_, i) => String(i + 1)));
    expect(doc.points.map((p) => p.sequence)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    const sections = doc.points.map((p) => p.section);
    expect(sections).toEqual([
      ...Array<string>(10).fill('主动公开'),
      '依法申请公开',
      '依法申请公开',
      '政务舆情回应',
      '基层政务公开',
      '基层政务公开',
      '信息发布情况',
      '保障措施',
      '政务新媒体',
      '政务新媒体',
      '政务新媒体',
      '政务新媒体',
    ]);
    expect(doc.points.some((p) => p.title.includes('加分项') || p.section === '加分项')).toBe(false);
  });

  it('splits title and requirement', () => {
    const [first, second] = doc.points;
    expect(first?.title).toBe('机构信息');
    expect(first?.duties).toBe('公开本部门的机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名，并及时动态更新调整。');
    expect(second?.title).toBe('权责清单');
    expect(doc.points[3]?.title).toBe('人大代表建议、政协提案办理');
    expect(doc.points[11]?.title).toBe('答复情况');
    expect(doc.points[14]?.title).toBe('政务公开专区建设');
    expect(doc.points[14]?.duties).not.toContain('bookmark');
    // No short title: the first clause stands in for it.
    expect(doc.points[5]?.title).toBe('围绕住房改善、新能源汽车、文化和旅游、体育、养老、家政服务等领域');
    expect(doc.points[5]?.duties).toBe('围绕住房改善、新能源汽车、文化和旅游、体育、养老、家政服务等领域……');
    expect(doc.points[12]?.title).toBe('健全政务舆情收集、研判、回应机制');
    expect(doc.points[12]?.duties).toBe('健全政务舆情收集、研判、回应机制，加强舆情回应台账管理，积极稳妥推动问题解决。');
    for (const point of doc.points) expect(point.policyBasis).toBe('');
  });

  it('keeps the verdicts', () => {
    expect(doc.points[0]?.selfInspection).toBe('已在机构职能板块公开。');
    expect(doc.points[5]?.selfInspection).toBe('不在我单位职能范围内。');
    expect(doc.points[7]?.selfInspection).toBe('不在我单位职能范围内。');
    expect(doc.points[10]?.selfInspection).toBe('申请渠道包括：政务公开留言、县长热线、阳光理政工作平台等渠道。');
    expect(doc.points[15]?.selfInspection).toBe('已按要求年度公开发布207条。');
    expect(doc.points[20]?.selfInspection).toBe('经自查未发现以上情况。');
  });

  it('takes leads only from department names in full-width parens', () => {
    expect(doc.points[3]?.leads).toEqual({ departments: ['办公室'], scopes: [] });
    const withLeads = doc.points.filter((p) => p.leads.departments.length > 0).map((p) => p.number);
    expect(withLeads).toEqual(['4']); // "（机构）" in 17 and the aside in 12 are not departments
    for (const point of doc.points) expect(point.responsible).toEqual({ departments: [], scopes: [] });
  });

  it('extracts time limits', () => {
    expect(doc.points[3]?.timeLimits).toEqual(['7个工作日内']);
    expect(doc.points[11]?.timeLimits).toEqual(['20个工作日内', '最长不得超过20个工作日']);
    expect(doc.points[17]?.timeLimits).toEqual(['7日内']);
    expect(doc.points[18]?.timeLimits).toEqual(['每周', '最长不超过10天']);
    expect(doc.points[0]?.timeLimits).toEqual([]);
  });
});

describe('parseWorkPlan on synthetic documents', () => {
  const crlf = (lines: string[]): string => lines.join('\r\n');

  const synthetic = crlf([
    '某县某局2024年政务公开工作要点',
    '',
    '根据《通知》（国办发［2024］5号）要求，制定本要点。',
    '一、总体要求',
    '（一）决策公开。推进决策预公开。',
    '',
    '',
    '二、重点任务',
    '（一）财政信息公开',
    '1、政策依据：根据《预算法》及财预[2016]143号文件要求。',
    '2、职责分工：（1）公开部门预算；（2）公开部门决算；',
    '牵头科室：财务股、办公室',
    '责任单位：各乡镇（街道） 县直各单位',
    '',
    '（二）信访信息公开',
    '公开信访事项办理流程，每月10日前更新。',
    '1、公开信访渠道。',
    '2、十个工作日内答复。',
    '牵头科室：信访股',
    '',
    '（三）无人认领的说明',
    '这一项没有牵头科室。',
    '三、保障措施',
    '（一）加强领导。各单位要高度重视。',
    '附件：1.任务清单',
  ]);
  const plan = parseWorkPlan(synthetic);

  it('handles full-width parentheses, full-width colons, CRLF and blank lines', () => {
    expect(plan.title).toBe('某县某局2024年政务公开工作要点');
    expect(plan.issuer).toBe('某县某局');
    expect(plan.year).toBe(2024);
    expect(plan.basisDocuments).toEqual(['国办发〔2024〕5号']);
    expect(plan.points.map((p) => p.number)).toEqual(['二(一)', '二(二)']);
    const first = byNumber(plan.points, '二(一)');
    expect(first.title).toBe('财政信息公开');
    expect(first.section).toBe('重点任务');
    expect(first.policyBasis).toBe('根据《预算法》及财预[2016]143号文件要求。');
    expect(first.citedDocuments).toEqual(['财预〔2016〕143号']);
    expect(first.duties).toBe('（1）公开部门预算；（2）公开部门决算；');
    expect(first.dutyItems).toEqual(['公开部门预算', '公开部门决算']);
    for (const p of plan.points) expect(p.duties).not.toMatch(/\r/);
  });

  it('splits several 牵头科室 and scope lists', () => {
    const first = byNumber(plan.points, '二(一)');
    expect(first.leads).toEqual({ departments: ['财务股', '办公室'], scopes: [] });
    expect(first.responsible).toEqual({ departments: [], scopes: ['TOWNSHIPS', 'COUNTY_UNITS'] });
  });

  it('handles a point without 政策依据 label whose item 1 is a duty', () => {
    const second = byNumber(plan.points, '二(二)');
    expect(second.policyBasis).toBe('');
    expect(second.duties).toBe('公开信访事项办理流程，每月10日前更新。\n公开信访渠道。\n十个工作日内答复。');
    expect(second.dutyItems).toEqual(['公开信访渠道。', '十个工作日内答复。']);
    expect(second.timeLimits).toEqual(['每月10日前', '十个工作日内']);
    expect(second.leads.departments).toEqual(['信访股']);
    expect(second.responsible).toEqual({ departments: [], scopes: [] });
    expect(second.sequence).toBe(2);
  });

  it('keeps labels that share a line and ASCII or full-width numbering alike', () => {
    const doc = parseWorkPlan(
      [
        '2022年度政务公开工作要点',
        '一、重点工作',
        '(一)政务服务公开',
        '1.政策依据:国办发(2019)12号。2.职责分工:公开办事指南。',
        '牵头科室:审批科 责任单位:局属单位/各科室',
      ].join('\n'),
    );
    expect(doc.issuer).toBeNull();
    expect(doc.points).toHaveLength(1);
    const [point] = doc.points;
    expect(point?.number).toBe('一(一)');
    expect(point?.policyBasis).toBe('国办发(2019)12号。');
    expect(point?.citedDocuments).toEqual(['国办发〔2019〕12号']);
    expect(point?.duties).toBe('公开办事指南。');
    expect(point?.leads.departments).toEqual(['审批科']);
    expect(point?.responsible.scopes).toEqual(['SUBORDINATE_UNITS', 'OFFICES']);
  });

  it('returns no points for a plan without assignable work', () => {
    const doc = parseWorkPlan('某局2020年工作要点\n一、工作要点\n（一）决策公开。主要是预公开。\n二、保障措施\n（一）加强领导。');
    expect(doc.points).toEqual([]);
    expect(doc.year).toBe(2020);
  });
});

describe('parseSelfInspection on a synthetic list', () => {
  it('uses numbering continuity to tell sections from requirements', () => {
    const doc = parseSelfInspection(
      [
        '某局',
        '2022年政务公开自查报告',
        '根据要求，自查如下：',
        '1、 主动公开',
        '1、机构信息：公开职能（法规科、办公室）。',
        '自查情况：已公开。',
        '2、依申请公开：每年1月31日前公开年报',
        '续写的要求。',
        '自查情况：已公开',
        '第二行说明。',
        '2、 平台建设：网站建设情况。',
        '自查情况：加分。',
        '附件：',
        '1、材料。',
      ].join('\r\n'),
    );
    expect(doc.title).toBe('某局2022年政务公开自查报告');
    expect(doc.issuer).toBe('某局');
    expect(doc.points.map((p) => [p.number, p.section, p.title])).toEqual([
      ['1', '主动公开', '机构信息'],
      ['2', '主动公开', '依申请公开'],
    ]);
    expect(doc.points[0]?.leads.departments).toEqual(['法规科', '办公室']);
    expect(doc.points[1]?.duties).toBe('每年1月31日前公开年报\n续写的要求。');
    expect(doc.points[1]?.selfInspection).toBe('已公开\n第二行说明。');
    expect(doc.points[1]?.timeLimits).toEqual(['每年1月31日前']);
  });
});

describe('parseUnits', () => {
  it('splits on every separator and recognises scopes', () => {
    expect(parseUnits('局办公室、局政策法规科，数字城管中心,信访股;法规科；审批科/财务股 人事科')).toEqual({
      departments: ['局办公室', '局政策法规科', '数字城管中心', '信访股', '法规科', '审批科', '财务股', '人事科'],
      scopes: [],
    });
    expect(parseUnits('局属各单位、局属单位、各局属单位').scopes).toEqual(['SUBORDINATE_UNITS']);
    expect(parseUnits('机关各科室').scopes).toEqual(['OFFICES']);
    expect(parseUnits('局机关各科室').scopes).toEqual(['OFFICES']);
    expect(parseUnits('各科室').scopes).toEqual(['OFFICES']);
    expect(parseUnits('县直各单位 各县直单位').scopes).toEqual(['COUNTY_UNITS']);
    expect(parseUnits('各乡镇').scopes).toEqual(['TOWNSHIPS']);
    expect(parseUnits('各乡(镇)').scopes).toEqual(['TOWNSHIPS']);
    expect(parseUnits('各乡镇（街道）').scopes).toEqual(['TOWNSHIPS']);
  });

  it('mixes departments and scopes, de-duplicated, in order', () => {
    expect(parseUnits(' 局办公室、机关各科室、局办公室、局属各单位。')).toEqual({
      departments: ['局办公室'],
      scopes: ['OFFICES', 'SUBORDINATE_UNITS'],
    });
    expect(parseUnits('')).toEqual({ departments: [], scopes: [] });
  });

  it('does not split inside brackets', () => {
    expect(parseUnits('办公室（法规、审批）、各乡镇').departments).toEqual(['办公室（法规、审批）']);
  });
});

describe('extractDocumentNumbers', () => {
  it('normalises brackets to 〔〕 and keeps order and uniqueness', () => {
    expect(
      extractDocumentNumbers(
        '据国办发〔2018〕45号、豫政办[2013]10号、中央编办发［2018］23号、豫政办明电（2019）28号、' +
          '发改办财金(2018)424号、国令第711号，重申国办发〔2018〕45号',
      ),
    ).toEqual(['国办发〔2018〕45号', '豫政办〔2013〕10号', '中央编办发〔2018〕23号', '豫政办明电〔2019〕28号', '发改办财金〔2018〕424号', '国令第711号']);
  });

  it('ignores bracketed years without an issuer or a number', () => {
    expect(extractDocumentNumbers('〔2018〕45号 and 2018年度报告（2020）')).toEqual([]);
  });
});

describe('extractDutyItems', () => {
  it('reads ⑴⑵⑶ items', () => {
    expect(extractDutyItems('⑴甲项;⑵乙项；⑶丙项。')).toEqual(['甲项', '乙项', '丙项。']);
  });

  it('reads (1)(2) and （1）（2） items', () => {
    expect(extractDutyItems('要求：(1)公开目录；(2)公开指南')).toEqual(['公开目录', '公开指南']);
    expect(extractDutyItems('（1）公开目录；（2）公开指南；')).toEqual(['公开目录', '公开指南']);
  });

  it('reads ①②③ items', () => {
    expect(extractDutyItems('①一；②二；③三')).toEqual(['一', '二', '三']);
  });

  it('returns [] without markers and ignores stray parenthesised numbers', () => {
    expect(extractDutyItems('在门户网站公开全文。')).toEqual([]);
    expect(extractDutyItems('见国办发(2018)45号(3)')).toEqual([]);
  });
});

describe('extractTimeLimits', () => {
  it('finds the seed phrases', () => {
    expect(extractTimeLimits('每年4月1日前,编写报告')).toEqual(['每年4月1日前']);
    expect(extractTimeLimits('要求,每年4月1日之前,公开')).toEqual(['每年4月1日之前']);
    expect(extractTimeLimits('自作出决定之日起7个工作日内公开,20个工作日内答复')).toEqual(['7个工作日内', '20个工作日内']);
    expect(extractTimeLimits('回复时间不超过5个工作日')).toEqual(['不超过5个工作日']);
    expect(extractTimeLimits('确保11月底前存在问题整改完毕')).toEqual(['11月底前']);
    expect(extractTimeLimits('更新频率不低于一周两次')).toEqual(['一周两次']);
    expect(extractTimeLimits('每周进行更新，最长不超过10天')).toEqual(['每周', '最长不超过10天']);
  });

  it('accepts Chinese numerals and de-duplicates', () => {
    expect(extractTimeLimits('十五个工作日内答复；三个月内办结；十五个工作日内')).toEqual(['十五个工作日内', '三个月内']);
  });

  it('ignores numbers that are not time limits', () => {
    expect(extractTimeLimits('2021年度报告，每次扣1分，两周未更新，公开50条')).toEqual([]);
  });
});
