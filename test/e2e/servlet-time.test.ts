/**
 * The time servlet (servlets/time), built from source, installed with nothing granted and served
 * by `mcp-wasm serve` to the official SDK client: conversions on fixed dates with and without
 * daylight saving time, fractional offsets, the current time, and errors for invalid zones and
 * times. The expected values are those Python's zoneinfo (the reference mcp-server-time) gives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

interface TimeResult {
  timezone: string;
  datetime: string;
  day_of_week: string;
  is_dst: boolean;
}
interface Conversion {
  source: TimeResult;
  target: TimeResult;
  time_difference: string;
}

describe('the time servlet', () => {
  let connection: Connection;
  const home = temporaryHome();

  before(async () => {
    const installed = runCli(['install', await builtServlet('time'), '--yes'], { home });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /asks for no capabilities/);
    assert.match(installed.stdout, /granted: nothing/);
    connection = await connect(['serve'], home);
  });

  after(async () => {
    await connection?.client.close();
  });

  async function convert(args: Record<string, string>): Promise<Conversion> {
    const result = await connection.client.callTool({ name: 'time__convert_time', arguments: args });
    assert.ok(!result.isError, JSON.stringify(result));
    const text = (result.content as { text: string }[])[0]!.text;
    assert.deepEqual(JSON.parse(text), result.structuredContent, 'the text is the structured content, as JSON');
    assert.equal(text, JSON.stringify(result.structuredContent, null, 2), 'indented like the reference server');
    return result.structuredContent as unknown as Conversion;
  }

  async function failure(tool: string, args: Record<string, string>): Promise<string> {
    const result = await connection.client.callTool({ name: `time__${tool}`, arguments: args });
    assert.equal(result.isError, true, JSON.stringify(result));
    return (result.content as { text: string }[])[0]!.text;
  }

  test('offers the two tools of mcp-server-time, read-only', async () => {
    const { tools } = await connection.client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['time__convert_time', 'time__get_current_time']);
    const convertTool = tools.find((t) => t.name === 'time__convert_time')!;
    assert.deepEqual(convertTool.inputSchema.required, ['source_timezone', 'time', 'target_timezone']);
    for (const t of tools) assert.equal(t.annotations?.readOnlyHint, true);
  });

  test('converts in summer, both zones in daylight saving time', async () => {
    assert.deepEqual(await convert({ source_timezone: 'America/New_York', time: '12:00', target_timezone: 'Europe/London', date: '2024-07-01' }), {
      source: { timezone: 'America/New_York', datetime: '2024-07-01T12:00:00-04:00', day_of_week: 'Monday', is_dst: true },
      target: { timezone: 'Europe/London', datetime: '2024-07-01T17:00:00+01:00', day_of_week: 'Monday', is_dst: true },
      time_difference: '+5.0h',
    });
  });

  test('converts in winter, no daylight saving time, across midnight', async () => {
    assert.deepEqual(await convert({ source_timezone: 'Europe/Berlin', time: '20:30', target_timezone: 'Asia/Tokyo', date: '2024-01-15' }), {
      source: { timezone: 'Europe/Berlin', datetime: '2024-01-15T20:30:00+01:00', day_of_week: 'Monday', is_dst: false },
      target: { timezone: 'Asia/Tokyo', datetime: '2024-01-16T04:30:00+09:00', day_of_week: 'Tuesday', is_dst: false },
      time_difference: '+8.0h',
    });
  });

  test('daylight saving time in the southern hemisphere, and a negative difference', async () => {
    assert.deepEqual(await convert({ source_timezone: 'Australia/Sydney', time: '09:00', target_timezone: 'America/Los_Angeles', date: '2024-01-15' }), {
      source: { timezone: 'Australia/Sydney', datetime: '2024-01-15T09:00:00+11:00', day_of_week: 'Monday', is_dst: true },
      target: { timezone: 'America/Los_Angeles', datetime: '2024-01-14T14:00:00-08:00', day_of_week: 'Sunday', is_dst: false },
      time_difference: '-19.0h',
    });
  });

  test('fractional offsets are written like the reference: +5.75h, -5.5h', async () => {
    const nepal = await convert({ source_timezone: 'UTC', time: '09:30', target_timezone: 'Asia/Kathmandu', date: '2024-01-15' });
    assert.equal(nepal.target.datetime, '2024-01-15T15:15:00+05:45');
    assert.equal(nepal.time_difference, '+5.75h');
    const india = await convert({ source_timezone: 'Asia/Kolkata', time: '12:00', target_timezone: 'UTC', date: '2024-01-15' });
    assert.equal(india.target.datetime, '2024-01-15T06:30:00+00:00');
    assert.equal(india.time_difference, '-5.5h');
  });

  test('the days a clock changes: a skipped time is refused, a repeated one is the earlier', async () => {
    assert.match(
      await failure('convert_time', { source_timezone: 'America/New_York', time: '02:30', target_timezone: 'UTC', date: '2024-03-10' }),
      /Invalid time: 02:30 does not exist in America\/New_York on 2024-03-10 \(skipped by a clock change\)/,
    );
    const repeated = await convert({ source_timezone: 'America/New_York', time: '01:30', target_timezone: 'UTC', date: '2024-11-03' });
    assert.deepEqual(repeated.source, { timezone: 'America/New_York', datetime: '2024-11-03T01:30:00-04:00', day_of_week: 'Sunday', is_dst: true });
    assert.equal(repeated.target.datetime, '2024-11-03T05:30:00+00:00');
  });

  test('the current time is now, in the zone asked for', async () => {
    const before = Date.now();
    const result = await connection.client.callTool({ name: 'time__get_current_time', arguments: { timezone: 'Asia/Tokyo' } });
    assert.ok(!result.isError, JSON.stringify(result));
    const now = result.structuredContent as unknown as TimeResult;
    assert.equal(now.timezone, 'Asia/Tokyo');
    assert.match(now.datetime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    assert.equal(now.is_dst, false);
    const at = Date.parse(now.datetime);
    assert.ok(Math.abs(at - before) < 60_000, `${now.datetime} is not now`);
    const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
    assert.equal(now.day_of_week, days[new Date(at + 9 * 3_600_000).getUTCDay()]);
  });

  test('invalid zones, times and dates are tool errors that say what is expected', async () => {
    assert.match(await failure('get_current_time', { timezone: 'Mars/Olympus_Mons' }), /Invalid timezone: "Mars\/Olympus_Mons" is not an IANA time zone name/);
    assert.match(await failure('get_current_time', { timezone: '+02:00' }), /Invalid timezone/, 'offsets are not zone names');
    assert.match(await failure('convert_time', { source_timezone: 'UTC', time: '12:00', target_timezone: 'Europe/Atlantis' }), /Invalid timezone: "Europe\/Atlantis"/);
    assert.match(await failure('convert_time', { source_timezone: 'UTC', time: '25:00', target_timezone: 'UTC' }), /Invalid time format. Expected HH:MM \[24-hour format\]/);
    assert.match(await failure('convert_time', { source_timezone: 'UTC', time: 'noon', target_timezone: 'UTC' }), /Expected HH:MM/);
    assert.match(await failure('convert_time', { source_timezone: 'UTC', time: '12:00', target_timezone: 'UTC', date: '2024-02-30' }), /Invalid date "2024-02-30"\. Expected YYYY-MM-DD/);
    assert.match(await failure('get_current_time', {}), /Invalid arguments for tool get_current_time: timezone/);
  });
});
