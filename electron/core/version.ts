// Kept in step with package.json by a unit test; importing package.json would pull it into every bundle.
export const APP_VERSION = '0.1.0';
