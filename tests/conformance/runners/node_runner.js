'use strict';
// Conformance runner: the calls of steps.json through the Node face (see ../test_conformance.py).
const fs = require('fs');
const path = require('path');
const fwpay = require(path.join(__dirname, '..', '..', '..', 'bindings', 'node'));

const plan = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const saved = { ...plan.prepared };
const resolve = (value) => {
  if (typeof value === 'string' && value.startsWith('$')) return saved[value.slice(1)];
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  return value;
};
const pick = (answer, dotted) => dotted.split('.').reduce((at, part) => at[Array.isArray(at) ? Number(part) : part], answer);
const camel = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
const options = (given) => Object.fromEntries(Object.entries(given).map(([k, v]) => [camel(k), v]));

(async () => {
  const client = new fwpay.Client({ apiKey: process.env.FWPAY_API_KEY, baseUrl: process.env.FWPAY_BASE_URL });
  for (const step of plan.steps) {
    try {
      const resource = client[step.resource];
      const name = step.form === 'call' ? step.camel : step.method;
      const method = resource[name];
      if (typeof method !== 'function') throw new Error(`client.${step.resource}.${name} does not exist`);
      const filters = resolve(step.filters || {});
      let answer;
      if (step.form === 'list') {
        answer = [];
        for await (const item of method.call(resource, { ...filters, perPage: 2, ...options(step.options) })) answer.push(item);
      } else if (step.form === 'page') {
        answer = await method.call(resource, { ...filters, page: 1, perPage: 2, ...options(step.options) });
      } else {
        const positional = step.arguments.filter((a) => !a.keyword).map((a) => resolve(a.value));
        const named = Object.fromEntries(step.arguments.filter((a) => a.keyword).map((a) => [camel(a.face), resolve(a.value)]));
        answer = await method.call(resource, ...positional, { ...named, ...options(step.options) });
      }
      for (const [name, dotted] of Object.entries(step.save)) saved[name] = pick(answer, dotted);
      const requestId = answer && answer.response ? answer.response.requestId : null;
      console.log(JSON.stringify({ operation: step.operation, method: step.method, ok: true, request_id: requestId }));
    } catch (error) {
      console.log(JSON.stringify({ operation: step.operation, method: step.method, ok: false, class: error.constructor.name, error: error.message }));
    }
  }
})();
