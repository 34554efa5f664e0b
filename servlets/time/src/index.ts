/**
 * time: the current time in any IANA time zone, and conversion of a time between zones, with the
 * tools, arguments and result fields of the reference `mcp-server-time`. It requests nothing: the
 * zone database is bundled (see zones.ts). The guest has no local time zone (it sees no environment),
 * so every zone is named by the caller; `date` is an addition, to convert on a day other than today.
 */
import { defineServlet, text, tool, z, type ToolResult } from '@mcp-wasm/sdk';
import { atZone, describe, hoursDifference, now, parseDate, parseTime, zoneNamed } from './zones.js';

const TimeResultSchema = z.object({
  timezone: z.string(),
  datetime: z.string().describe('ISO 8601, to the second, with the UTC offset'),
  day_of_week: z.string(),
  is_dst: z.boolean().describe('whether daylight saving time is in force'),
});

/** A result whose text is the reference's (JSON indented by 2) and whose structured content is the same object. */
function reply<T>(value: T): T {
  const result: ToolResult = { content: [text(JSON.stringify(value, null, 2))], structuredContent: value };
  return result as unknown as T; // the SDK passes a complete ToolResult through unchanged
}

const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

export default defineServlet({
  tools: [
    tool({
      name: 'get_current_time',
      title: 'Get current time',
      description: 'Get current time in a specific timezone',
      input: z.object({
        timezone: z.string().min(1).describe("IANA timezone name (e.g., 'America/New_York', 'Europe/London'). Use 'UTC' if no timezone is provided by the user."),
      }),
      output: TimeResultSchema,
      annotations: readOnly,
      run: ({ timezone }) => reply(describe(now(zoneNamed(timezone)), timezone)),
    }),
    tool({
      name: 'convert_time',
      title: 'Convert time',
      description: 'Convert time between timezones',
      input: z.object({
        source_timezone: z.string().min(1).describe("Source IANA timezone name (e.g., 'America/New_York', 'Europe/London')."),
        time: z.string().describe('Time to convert in 24-hour format (HH:MM)'),
        target_timezone: z.string().min(1).describe("Target IANA timezone name (e.g., 'Asia/Tokyo', 'America/Los_Angeles')."),
        date: z.string().optional().describe('Day of the time in the source timezone, YYYY-MM-DD (default: today there)'),
      }),
      output: z.object({ source: TimeResultSchema, target: TimeResultSchema, time_difference: z.string() }),
      annotations: readOnly,
      run: ({ source_timezone, time, target_timezone, date }) => {
        const source = zoneNamed(source_timezone);
        const target = zoneNamed(target_timezone);
        const wallTime = parseTime(time);
        const day = date === undefined ? now(source).toLocalDate() : parseDate(date);
        const sourceTime = atZone(day, wallTime, source, source_timezone, time);
        const targetTime = sourceTime.withZoneSameInstant(target);
        return reply({
          source: describe(sourceTime, source_timezone),
          target: describe(targetTime, target_timezone),
          time_difference: hoursDifference(sourceTime, targetTime),
        });
      },
    }),
  ],
});
