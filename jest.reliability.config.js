/** The reliability suite (faults injected into real processes): npm run test:reliability. */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/reliability'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120000,
  // One scenario at a time: they kill and restart processes and measure what was sent.
  maxWorkers: 1,
};
