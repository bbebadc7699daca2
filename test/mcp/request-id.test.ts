import assert from 'node:assert/strict';
import {test} from 'node:test';
import {idInHead, idOf} from '../../source/mcp/request-id.js';

test('the id of a message too large to parse is read from its first bytes, at its top level only', () => {
	assert.equal(idInHead('{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"arguments":{"junk":"xxxx'), 3);
	assert.equal(idInHead('{"method":"tools/call","params":{"id":9,"text":"a \\"quoted\\" \\\\"},"id":"req-7","x":"yyyy'), 'req-7');
	assert.equal(idInHead('{"method":"x","params":{"id":9,"junk":"zzzz'), null, 'a nested id is not the message\'s');
	assert.equal(idInHead('{"method":"id","params":{}, "id" : -2.5e3}'), -2500);
	assert.equal(idInHead('{"id":null,"method":"x"}'), null);
	assert.equal(idInHead('{"id":"cut off'), null);
	assert.equal(idInHead('[{"id":1}]'), null, 'a batch has no id of its own');
});

test('the id of a parsed value is kept only when JSON-RPC allows it', () => {
	assert.deepEqual([idOf({id: 2}), idOf({id: 'a'}), idOf({id: null}), idOf({id: {}}), idOf(null), idOf([]), idOf('x')], [2, 'a', null, null, null, null, null]);
});
