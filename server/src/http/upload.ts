import type { Request } from 'express';
import busboy from 'busboy';
import { BadInputError } from '../errors.js';

/** What a route accepts: its size limit and the file types named in the refusal. */
export interface UploadLimits {
  maxBytes: number;
  /** e.g. '.xlsx 或 .csv' */
  accepted: string;
}

/** A file over the limit: 413 (the route's error handler reads `httpStatus`). */
export class PayloadTooLargeError extends BadInputError {
  readonly httpStatus = 413;
  constructor(maxBytes: number) {
    super(`文件过大（上限 ${maxBytes / 1024 / 1024} MB），请分批导入`, 'PAYLOAD_TOO_LARGE', 'file');
  }
}

export interface Upload {
  buffer: Buffer;
  filename: string | null;
}

/** Room for the multipart envelope (boundaries, part headers, small fields) around the file itself. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * The uploaded file: the "file" part (or first file) of a multipart form, else the raw body. At most
 * `limits.maxBytes` whatever the encoding (declared length, chunked, multipart): an oversized upload is
 * refused with 413 as soon as it is seen, and never reaches a parser. Every failure settles the one
 * promise returned here (a rejection nobody awaits would end the process).
 */
export function readUpload(req: Request, limits: UploadLimits): Promise<Upload> {
  const MAX_UPLOAD_BYTES = limits.maxBytes;
  const tooLarge = () => new PayloadTooLargeError(limits.maxBytes);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (req.is('multipart/form-data')) {
    if (declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES) return Promise.reject(tooLarge());
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        outcome();
      };
      const fail = (error: Error) =>
        settle(() => {
          // Stop reading: the rest of the body is not wanted (the response closes the connection).
          req.unpipe();
          req.resume();
          reject(error);
        });
      let parser: busboy.Busboy;
      try {
        parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: MAX_UPLOAD_BYTES, fields: 10, fieldSize: 64 * 1024, parts: 20 } });
      } catch {
        reject(new BadInputError('上传格式有误（multipart 无法解析）', 'INVALID_UPLOAD', 'file'));
        return;
      }
      let file: Upload | undefined;
      let reading = false;
      parser.on('file', (_name, stream, info) => {
        if (reading || file) {
          stream.resume();
          return;
        }
        reading = true;
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('limit', () => fail(tooLarge()));
        stream.on('end', () => {
          reading = false;
          file = { buffer: Buffer.concat(chunks), filename: info.filename ?? null };
        });
        stream.on('error', () => fail(new BadInputError('上传中断，请重试', 'INVALID_UPLOAD', 'file')));
      });
      parser.on('error', () => fail(new BadInputError('上传格式有误（multipart 无法解析）', 'INVALID_UPLOAD', 'file')));
      parser.on('close', () =>
        settle(() => (file ? resolve(file) : reject(new BadInputError(`没有收到文件：请以 file 字段上传 ${limits.accepted}`, 'FILE_REQUIRED', 'file')))),
      );
      req.on('error', () => fail(new BadInputError('上传中断，请重试', 'INVALID_UPLOAD', 'file')));
      req.pipe(parser);
    });
  }
  if (declared > MAX_UPLOAD_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > MAX_UPLOAD_BYTES) {
        settled = true;
        req.off('data', onData);
        req.resume();
        reject(tooLarge());
      } else chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (settled) return;
      settled = true;
      if (!size) reject(new BadInputError(`没有收到文件：请上传 ${limits.accepted}`, 'FILE_REQUIRED', 'file'));
      else resolve({ buffer: Buffer.concat(chunks), filename: null });
    });
    req.on('error', () => {
      if (settled) return;
      settled = true;
      reject(new BadInputError('上传中断，请重试', 'INVALID_UPLOAD', 'file'));
    });
  });
}
