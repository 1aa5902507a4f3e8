/** run(): settings → engine → report. The only place that sets the exit code. (Being built.) */
export async function run(): Promise<void> {
  process.exitCode = 0;
}
