import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { session } from './composables/session';

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', redirect: () => (session.user ? { name: 'department' } : { name: 'login' }) },
  { path: '/login', name: 'login', component: () => import('./features/login/LoginView.vue'), meta: { title: '登录' } },
  { path: '/screen', name: 'screen', component: () => import('./features/wall-screen/WallScreen.vue'), meta: { title: '大屏' } },
  {
    path: '/',
    component: () => import('./features/shell/UserShell.vue'),
    meta: { requiresUser: true },
    children: [
      { path: 'department', name: 'department', component: () => import('./features/department/DepartmentView.vue'), meta: { title: '本单位' } },
      {
        path: 'admin',
        component: () => import('./features/back-office/AdminLayout.vue'),
        children: [
          { path: '', name: 'admin', redirect: { name: 'admin-plans' } },
          { path: 'plans', name: 'admin-plans', component: () => import('./features/back-office/plans/PlansView.vue'), meta: { title: '工作要点' } },
          {
            path: 'plans/import',
            name: 'admin-plan-import',
            component: () => import('./features/back-office/plans/PlanImportView.vue'),
            meta: { title: '导入工作要点' },
          },
          {
            path: 'plans/:planId/points/:pointId',
            name: 'admin-work-point',
            component: () => import('./features/back-office/plans/WorkPointView.vue'),
            meta: { title: '要点详情' },
          },
          {
            path: 'supervision',
            name: 'admin-supervision',
            component: () => import('./features/back-office/supervision/SupervisionView.vue'),
            meta: { title: '督办' },
          },
          {
            path: 'assessment',
            name: 'admin-assessment',
            component: () => import('./features/back-office/assessment/AssessmentView.vue'),
            meta: { title: '考核' },
          },
          {
            path: 'departments',
            name: 'admin-departments',
            component: () => import('./features/back-office/departments/DepartmentsView.vue'),
            meta: { title: '单位' },
          },
          { path: 'quotas', name: 'admin-quotas', component: () => import('./features/back-office/quotas/QuotasView.vue'), meta: { title: '发布指标' } },
          {
            path: 'publications',
            name: 'admin-publications',
            component: () => import('./features/back-office/publications/PublicationsView.vue'),
            meta: { title: '信息发布台账' },
          },
          {
            path: 'catalogue',
            name: 'admin-catalogue',
            component: () => import('./features/back-office/catalogue/CatalogueView.vue'),
            meta: { title: '目录与渠道' },
          },
          {
            path: 'index-number',
            name: 'admin-index-number',
            component: () => import('./features/back-office/index-number/IndexNumberView.vue'),
            meta: { title: '索引号模板' },
          },
          {
            path: 'deadline-rules',
            name: 'admin-deadline-rules',
            component: () => import('./features/back-office/deadline-rules/DeadlineRulesView.vue'),
            meta: { title: '时限规则' },
          },
          { path: 'duties', name: 'admin-duties', component: () => import('./features/back-office/duties/DutiesView.vue'), meta: { title: '登记簿' } },
          {
            path: 'annual-reports',
            name: 'admin-annual-reports',
            component: () => import('./features/back-office/annual-report/AnnualReportsView.vue'),
            meta: { title: '年度报告' },
          },
          {
            path: 'annual-reports/:id',
            name: 'admin-annual-report',
            component: () => import('./features/back-office/annual-report/AnnualReportView.vue'),
            meta: { title: '年度报告' },
          },
          { path: 'calendar', name: 'admin-calendar', component: () => import('./features/back-office/calendar/CalendarView.vue'), meta: { title: '节假日' } },
          { path: 'users', name: 'admin-users', component: () => import('./features/back-office/users/UsersView.vue'), meta: { title: '用户与大屏令牌' } },
          { path: 'audit', name: 'admin-audit', component: () => import('./features/back-office/audit/AuditView.vue'), meta: { title: '操作留痕' } },
        ],
      },
    ],
  },
  { path: '/:rest(.*)*', name: 'not-found', component: () => import('./features/shell/NotFoundView.vue'), meta: { title: '页面不存在' } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  if (to.matched.some((r) => r.meta.requiresUser) && !session.user) return { name: 'login', query: { next: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  const title = to.meta.title as string | undefined;
  document.title = title ? `${title} · 政务公开督办台` : '政务公开督办台';
});
