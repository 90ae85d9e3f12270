'use strict';
// What every resource of resources.js (generated from api/operations.json) shares: the call
// with its per-call options, and lists, whose other members are filters. A member that is
// neither an option nor a filter of the list is refused before anything is sent, so that a
// misspelt idempotencyKey is never silently a random key.

const CALL_OPTIONS = ['idempotencyKey', 'timeout', 'maxRetries', 'signal'];
const PAGE_OPTIONS = ['page', 'perPage'];
const INVALID_ARGUMENT = -1; // FWP_E_INVALID_ARGUMENT

class Resource {
  constructor(client) { this._client = client; }

  _call(operation, args, options = {}) {
    return this._client._call(operation, args, options);
  }

  async *_items(operation, filterNames, given = {}) {
    const { filters, options, paging } = split(operation, filterNames, given);
    const args = filterNames.length ? { filters } : {};
    yield* this._client._items(operation, args, { perPage: paging.perPage, ...options });
  }

  async _page(operation, filterNames, given = {}) {
    const { filters, options, paging } = split(operation, filterNames, given);
    const args = filterNames.length ? { filters } : {};
    if (paging.page !== undefined) args.page = paging.page;
    if (paging.perPage !== undefined) args.per_page = paging.perPage;
    return this._client._call(operation, args, options);
  }
}

function refuseUnknown(operation, given, known) {
  for (const key of Object.keys(given || {})) {
    if (!known.includes(key)) {
      const { InvalidArgumentError } = require('./index');
      throw new InvalidArgumentError({ kind: 'invalid_argument', code: INVALID_ARGUMENT,
        message: `${operation} does not take "${key}" (it takes ${known.join(', ')})` });
    }
  }
}

function split(operation, filterNames, given) {
  refuseUnknown(operation, given, [...filterNames, ...CALL_OPTIONS, ...PAGE_OPTIONS]);
  const filters = {}; const options = {}; const paging = {};
  for (const [key, value] of Object.entries(given || {})) {
    if (CALL_OPTIONS.includes(key)) options[key] = value;
    else if (PAGE_OPTIONS.includes(key)) paging[key] = value;
    else filters[key] = value;
  }
  return { filters, options, paging };
}

module.exports = { Resource, CALL_OPTIONS, refuseUnknown };
