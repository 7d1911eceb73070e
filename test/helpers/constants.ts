/** Password of the bootstrap user `admin` in the test databases. */
export const TEST_ADMIN_PASSWORD = 'Admin@test-2026';
/** Password of the demo accounts (seeds/demo.json). */
export const DEMO_PASSWORD = 'Demo@2026';
/** The demo wall-screen token (seeds/demo.json). */
export const DEMO_SCREEN_TOKEN = 'zst_demo-wall-screen-2026';
