import { describe, expect, it } from 'vitest';
import { TaskStatus } from './task-enums.js';
import { progressRequiredBy, reportedStatusAndProgress } from './task-progress.js';

const STATUSES = Object.values(TaskStatus);
const FIGURES = [0, 1, 50, 99, 100];
const coherent = (s: { status: TaskStatus; progress: number }) => {
  const required = progressRequiredBy(s.status);
  return required === null || s.progress === required;
};

describe('reportedStatusAndProgress', () => {
  it('never makes a coherent task incoherent unless the report itself states a contradiction', () => {
    for (const status of STATUSES) {
      for (const progress of FIGURES) {
        const current = { status, progress };
        if (!coherent(current)) continue;
        for (const reportStatus of [undefined, ...STATUSES]) {
          for (const reportProgress of [undefined, ...FIGURES]) {
            const next = reportedStatusAndProgress(current, { status: reportStatus, progress: reportProgress });
            const contradiction = reportStatus !== undefined && reportProgress !== undefined && !coherent({ status: reportStatus, progress: reportProgress });
            expect(coherent(next), JSON.stringify({ current, reportStatus, reportProgress, next })).toBe(!contradiction);
            // What was said is kept.
            if (reportStatus) expect(next.status).toBe(reportStatus);
            if (reportProgress !== undefined) expect(next.progress).toBe(reportProgress);
          }
        }
      }
    }
  });

  it('fills in what a status implies and moves the status a figure implies', () => {
    expect(reportedStatusAndProgress({ status: TaskStatus.IN_PROGRESS, progress: 40 }, { status: TaskStatus.DONE })).toEqual({
      status: TaskStatus.DONE,
      progress: 100,
    });
    expect(reportedStatusAndProgress({ status: TaskStatus.IN_PROGRESS, progress: 40 }, { status: TaskStatus.NOT_STARTED })).toEqual({
      status: TaskStatus.NOT_STARTED,
      progress: 0,
    });
    expect(reportedStatusAndProgress({ status: TaskStatus.NOT_STARTED, progress: 0 }, { progress: 30 })).toEqual({
      status: TaskStatus.IN_PROGRESS,
      progress: 30,
    });
    expect(reportedStatusAndProgress({ status: TaskStatus.DONE, progress: 100 }, { progress: 60 })).toEqual({ status: TaskStatus.IN_PROGRESS, progress: 60 });
    expect(reportedStatusAndProgress({ status: TaskStatus.IN_PROGRESS, progress: 60 }, { progress: 100 })).toEqual({
      status: TaskStatus.IN_PROGRESS,
      progress: 100,
    });
    expect(reportedStatusAndProgress({ status: TaskStatus.NOT_APPLICABLE, progress: 20 }, { progress: 70 })).toEqual({
      status: TaskStatus.NOT_APPLICABLE,
      progress: 70,
    });
  });
});
