import { describe, expect, it } from 'vitest';
import { looksLikeUnits, matchUnitName, normalizeUnitName, parseUnitCell, scopeOf, splitUnitNames, type DepartmentRef } from './units.js';

describe('splitUnitNames', () => {
  it.each([
    ['办公室、政策法规科', ['办公室', '政策法规科']],
    ['办公室，政策法规科；审批科', ['办公室', '政策法规科', '审批科']],
    ['市发改委,市财政局, 市人社局', ['市发改委', '市财政局', '市人社局']],
    ['财政所、便民综合服务中心、土管所等', ['财政所', '便民综合服务中心', '土管所']],
    ['市住建局等政府各有关部门', ['市住建局', '政府各有关部门']],
    ['办公室和法规科', ['办公室', '法规科']],
    ['办公室及局属各单位', ['办公室', '局属各单位']],
    ['卫生健康委与医保局', ['卫生健康委', '医保局']],
    ['各科室及局属各单位', ['各科室', '局属各单位']],
    ['办公室和法规科及审批科', ['办公室', '法规科', '审批科']],
    ['市场监管局和文化和旅游局', ['市场监管局', '文化和旅游局']],
    ['办公室（法规、审批）', ['办公室（法规、审批）']],
    ['  办公室。', ['办公室']],
  ])('%s', (text, names) => {
    expect(splitUnitNames(text)).toEqual(names);
  });

  it.each([
    ['市经信局、各县、市、区政府', ['市经信局', '各县、市、区政府']],
    ['各县、市、区人民政府，市政府各部门', ['各县、市、区人民政府', '市政府各部门']],
    ['各县、区政府、各乡镇', ['各县、区政府', '各乡镇']],
    ['各县市区政府', ['各县市区政府']],
    ['各区县政府及市直各部门', ['各区县政府', '市直各部门']],
    ['各县（区）政府', ['各县（区）政府']],
    ['各县〔区〕政府、各功能区管委会', ['各县〔区〕政府', '各功能区管委会']],
    ['各县（市、区）人民政府', ['各县（市、区）人民政府']],
    ['各县、市直各单位', ['各县', '市直各单位']],
  ])('lower-level governments are one name: %s', (text, names) => {
    expect(splitUnitNames(text)).toEqual(names);
  });

  it.each([
    '住房和城乡建设局',
    '区发展和改革局',
    '区科技和经信局',
    '自然资源和规划局',
    '文化和旅游局',
    '人力资源和社会保障局',
    '自然资源与规划局',
    '区住房和城乡建设局办公室',
  ])('keeps %s whole (和/与 inside a name)', (name) => {
    expect(splitUnitNames(name)).toEqual([name]);
  });
});

describe('scopeOf', () => {
  it.each([
    ['各科室', 'OFFICES'],
    ['机关各科室', 'OFFICES'],
    ['局机关各科室', 'OFFICES'],
    ['各科（室）', 'OFFICES'],
    ['各股室', 'OFFICES'],
    ['各业务科室', 'OFFICES'],
    ['局属各单位', 'SUBORDINATE_UNITS'],
    ['各单位', 'SUBORDINATE_UNITS'],
    ['各直属单位', 'SUBORDINATE_UNITS'],
    ['县直各单位', 'COUNTY_UNITS'],
    ['县直各有关部门', 'COUNTY_UNITS'],
    ['区直各部门', 'COUNTY_UNITS'],
    ['各相关单位', 'COUNTY_UNITS'],
    ['市政府各有关部门', 'COUNTY_UNITS'],
    ['各乡镇', 'TOWNSHIPS'],
    ['各乡镇（街道）', 'TOWNSHIPS'],
    ['各乡(镇)', 'TOWNSHIPS'],
    ['各街道', 'TOWNSHIPS'],
    ['各镇人民政府', 'TOWNSHIPS'],
    ['市级各有关部门', 'COUNTY_UNITS'],
    ['县级各部门', 'COUNTY_UNITS'],
    ['市政府各部门', 'COUNTY_UNITS'],
    ['市政府相关部门', 'COUNTY_UNITS'],
    ['市政府直属各单位', 'COUNTY_UNITS'],
    ['区直各部门', 'COUNTY_UNITS'],
    ['县直各单位', 'COUNTY_UNITS'],
  ])('%s → %s', (name, scope) => {
    expect(scopeOf(name)).toBe(scope);
  });

  it.each(['办公室', '局办公室', '各成员单位', '各县市区人民政府', '各县、市、区政府', '各县（市、区）人民政府', '各区县政府', '政策法规科'])(
    '%s is a name, not a scope',
    (name) => {
      expect(scopeOf(name)).toBeNull();
    },
  );
});

describe('parseUnitCell', () => {
  const cell = (text: string, role: 'lead' | 'responsible' = 'responsible') => {
    const { leads, responsible } = parseUnitCell(text, role);
    return { leads, responsible };
  };

  it('takes the column role when nothing is written about roles', () => {
    expect(cell('办公室')).toEqual({ leads: { departments: [], scopes: [] }, responsible: { departments: ['办公室'], scopes: [] } });
    expect(cell('办公室', 'lead')).toEqual({ leads: { departments: ['办公室'], scopes: [] }, responsible: { departments: [], scopes: [] } });
    expect(cell('各科室')).toEqual({ leads: { departments: [], scopes: [] }, responsible: { departments: [], scopes: ['OFFICES'] } });
  });

  it.each([
    ['办公室牵头,各科室配合', ['办公室'], [], [], ['OFFICES']],
    ['办公室牵头，各科室配合', ['办公室'], [], [], ['OFFICES']],
    ['办公室牵头、法规科参与', ['办公室'], [], ['法规科'], []],
    ['办公室（牵头）、法规科', ['办公室'], [], ['法规科'], []],
    ['办公室(牵头)，法规科、审批科配合', ['办公室'], [], ['法规科', '审批科'], []],
    ['由办公室牵头，局属各单位负责', ['办公室'], [], [], ['SUBORDINATE_UNITS']],
    ['市发改委牵头落实', ['市发改委'], [], [], []],
    ['市金融办、人民银行潍坊市中心支行、潍坊银监分局分别牵头落实', ['市金融办', '人民银行潍坊市中心支行', '潍坊银监分局'], [], [], []],
    ['市政府各有关部门,各县市区人民政府、功能区管委会负责落实', [], [], ['各县市区人民政府', '功能区管委会'], ['COUNTY_UNITS']],
    ['市发展改革委牵头,市住建局等政府各有关部门按职责分工负责', ['市发展改革委'], [], ['市住建局', '政府各有关部门'], []],
    ['牵头单位：局办公室；责任单位：机关各科室、局属各单位', ['局办公室'], [], [], ['OFFICES', 'SUBORDINATE_UNITS']],
    [
      '区司法局牵头区级规范性文件集中公开工作,区各行政规范性文件制定主体具体落实;各成员单位负责做好本单位行政规范性文件集中公开工作',
      ['区司法局'],
      [],
      ['区各行政规范性文件制定主体', '各成员单位'],
      [],
    ],
    ['县政府办公室牵头，县直各单位、各乡镇（街道）配合', ['县政府办公室'], [], [], ['COUNTY_UNITS', 'TOWNSHIPS']],
    ['住房和城乡建设局牵头，自然资源和规划局配合', ['住房和城乡建设局'], [], ['自然资源和规划局'], []],
  ])('%s', (text, leadDepartments, leadScopes, responsibleDepartments, responsibleScopes) => {
    expect(cell(text)).toEqual({
      leads: { departments: leadDepartments, scopes: leadScopes },
      responsible: { departments: responsibleDepartments, scopes: responsibleScopes },
    });
  });

  it('compound labels: 牵头责任单位 → leads, 协同/配合责任单位 → responsible; no label word left as a name', () => {
    const parsed = parseUnitCell('牵头责任单位：市发展改革委；协同责任单位：市经信局、各县、市、区政府；配合责任单位：市直各部门', 'responsible');
    expect(parsed).toEqual({
      leads: { departments: ['市发展改革委'], scopes: [] },
      responsible: { departments: ['市经信局', '各县、市、区政府'], scopes: ['COUNTY_UNITS'] },
      names: ['市发展改革委', '市经信局', '各县、市、区政府'],
    });
  });

  it('a leader written in a unit cell is a person, not a unit', () => {
    expect(parseUnitCell('牵头单位：办公室；责任领导：张三', 'responsible')).toEqual({
      leads: { departments: ['办公室'], scopes: [] },
      responsible: { departments: [], scopes: [] },
      names: ['办公室'],
    });
  });

  it('lists the names as written, scopes left out, for mapping', () => {
    expect(parseUnitCell('办公室牵头，法规科、各科室配合；局属各单位负责', 'responsible').names).toEqual(['办公室', '法规科']);
  });
});

describe('looksLikeUnits', () => {
  it.each(['办公室', '各科室', '办公室牵头,各科室配合', '财政所、便民综合服务中心、土管所等', '市发改委牵头落实', '民政办公室、卫生院'])(
    '%s is a unit list',
    (text) => {
      expect(looksLikeUnits(text)).toBe(true);
    },
  );
  it.each(['年底前', '持续推进', '做好主动公开基础工作', '认真抓好工作落实', '及时反馈网民对调查征集信息的意见。', '1', ''])('%s is not', (text) => {
    expect(looksLikeUnits(text)).toBe(false);
  });
});

describe('matchUnitName', () => {
  const departments: DepartmentRef[] = [
    { id: '1', name: '办公室', aliases: ['综合科'] },
    { id: '2', name: '政策法规科' },
    { id: '3', name: '数字城管中心', aliases: ['数字化城市管理中心'] },
    { id: '4', name: '市容秩序管理科' },
  ];
  const organizationName = '平顶山市城市管理局';

  it('matches the exact name first, then an alias', () => {
    expect(matchUnitName('办公室', departments)).toEqual({ id: '1', how: 'exact' });
    expect(matchUnitName('综合科', departments)).toEqual({ id: '1', how: 'alias' });
    expect(matchUnitName('数字化城市管理中心', departments)).toEqual({ id: '3', how: 'alias' });
  });

  it('matches normalised forms: 局办公室 ↔ 办公室 in a 局, the organisation’s name in front, 全角/半角, spaces, 等', () => {
    expect(matchUnitName('局办公室', departments, { organizationName })).toEqual({ id: '1', how: 'normalized' });
    expect(matchUnitName('局政策法规科', departments, { organizationName })).toEqual({ id: '2', how: 'normalized' });
    expect(matchUnitName('平顶山市城市管理局办公室', departments, { organizationName })).toEqual({ id: '1', how: 'normalized' });
    expect(matchUnitName('市城市管理局政策法规科', departments, { organizationName })).toEqual({ id: '2', how: 'normalized' });
    expect(matchUnitName('政策法规科 ', departments)).toEqual({ id: '2', how: 'exact' });
    expect(matchUnitName('市容秩序 管理科', departments)).toEqual({ id: '4', how: 'normalized' });
    expect(matchUnitName('政策法规科等', departments)).toEqual({ id: '2', how: 'normalized' });
    expect(matchUnitName('本局办公室', departments, { organizationName })).toEqual({ id: '1', how: 'normalized' });
  });

  it('full-width and half-width brackets and letters are one', () => {
    const withBrackets: DepartmentRef[] = [{ id: '9', name: '行政审批科(政务服务科)' }];
    expect(matchUnitName('行政审批科（政务服务科）', withBrackets)).toEqual({ id: '9', how: 'normalized' });
    expect(matchUnitName('ＩＴ中心', [{ id: '8', name: 'IT中心' }])).toEqual({ id: '8', how: 'normalized' });
  });

  it('does not guess: unknown names and names fitting two departments give null', () => {
    expect(matchUnitName('人事科', departments)).toBeNull();
    expect(matchUnitName('', departments)).toBeNull();
    const twins: DepartmentRef[] = [
      { id: 'a', name: '办公室' },
      { id: 'b', name: '局办公室' },
    ];
    expect(matchUnitName('本局办公室', twins, { organizationName })).toBeNull();
    // Without the organisation, 局 is not stripped: 局办公室 is its own department here.
    expect(matchUnitName('局办公室', departments)).toBeNull();
  });

  it('the written forms of the lower-level governments are one name', () => {
    const counties: DepartmentRef[] = [{ id: 'c', name: '各县市区政府' }];
    for (const written of ['各县、市、区人民政府', '各县（市、区）人民政府', '各县市区人民政府', '各区县市政府'])
      expect(matchUnitName(written, counties)).toEqual({ id: 'c', how: 'normalized' });
    expect(matchUnitName('各县区政府', counties)).toBeNull();
  });

  it('normalizeUnitName', () => {
    expect(normalizeUnitName('局办公室', { organizationName: '某市城市管理局' })).toBe('办公室');
    expect(normalizeUnitName('局办公室', { organizationName: '某县人民政府' })).toBe('局办公室');
    expect(normalizeUnitName(' 办公室（牵头）')).toBe('办公室');
  });
});
