/** Where the server's own messages go (tests pass a silent one). */
export interface AppLogger {
  info(message: string): void;
  error(message: string, error?: unknown): void;
}

export const consoleLogger: AppLogger = {
  info: (m) => console.log(m),
  error: (m, e) => console.error(m, e ?? ''),
};
