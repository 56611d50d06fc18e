'use strict';
// Client-side `@forge/lint` never reaches the OS keychain; fail loudly if anything ever does.
const unavailable = () => {
  throw new Error('keytar is stubbed in Lintel: the OS keychain is not used by the offline lint');
};
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findCredentials: unavailable,
  findPassword: unavailable,
};
