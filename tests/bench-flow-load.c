/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <malloc.h>

#include <guidepost/guidepost.h>

/* Loading and validating a 5,000-step flow, against json-glib parsing the same bytes
 * and nothing else, measured side by side in one run (issue: foundation, point 10). */

#define N_STEPS 5000
#define N_RUNS 9

static GBytes *
generate_flow (void)
{
  GString *json = g_string_new (NULL);

  g_string_append (json,
                   "{\n  \"format\": \"guidepost-flow/1\",\n  \"id\": \"bench\",\n  \"version\": \"1.0.0\",\n"
                   "  \"locale\": \"en-GB\",\n  \"title\": \"A very long service\",\n"
                   "  \"service\": {\"name\": \"Bench Service\", \"url\": \"https://bench.example/\"},\n"
                   "  \"summary\": \"Generated for the benchmark.\",\n  \"goals\": [\"bench\"],\n"
                   "  \"estimated_minutes\": 90,\n  \"start\": \"s0\",\n  \"steps\": [\n");
  for (guint i = 0; i < N_STEPS; i++)
    {
      if (i % 50 == 49)
        g_string_append_printf (json,
          "    {\"id\": \"s%u\", \"kind\": \"question\", \"title\": \"Question %u\",\n"
          "     \"instruction\": \"Ask which way the customer wants to go.\",\n"
          "     \"why\": \"The service has two routes from here.\", \"hints\": [\"Either is fine.\"],\n"
          "     \"question\": \"Which way?\", \"choices\": [{\"label\": \"On\", \"next\": \"s%u\"},"
          " {\"label\": \"Back to the start\", \"next\": \"s0\"}]},\n", i, i, i + 1);
      else
        g_string_append_printf (json,
          "    {\"id\": \"s%u\", \"kind\": \"screen\", \"title\": \"Screen %u\",\n"
          "     \"screen\": {\"heading\": \"Page %u of the service\", \"elements\": [\n"
          "       {\"id\": \"field\", \"type\": \"field\", \"label\": \"Your reference number\"},\n"
          "       {\"id\": \"code\", \"type\": \"field\", \"label\": \"Security code\", \"secret\": true},\n"
          "       {\"id\": \"continue\", \"type\": \"button\", \"label\": \"Continue\"}]},\n"
          "     \"target\": \"field\", \"instruction\": \"Type the reference from your letter, then press Continue.\",\n"
          "     \"why\": \"The service needs the reference to find your record.\",\n"
          "     \"talk\": {\"new\": \"Take your time; it is on the letter.\", \"familiar\": \"Same as last time.\"},\n"
          "     \"hints\": [\"It is on the letter.\", \"Top right.\", \"It starts with HB.\"],\n"
          "     \"estimated_seconds\": 45, \"next\": \"s%u\",\n"
          "     \"failures\": [{\"id\": \"timeout\", \"cause\": \"system\", \"symptom\": \"Session expired\",\n"
          "       \"explanation\": \"The site signs people out after 15 minutes.\", \"say\": \"Let's start that page again.\",\n"
          "       \"recovery\": \"s%u\", \"retry_limit\": 3,\n"
          "       \"escalate\": {\"to\": \"Web team\", \"priority\": \"normal\"}}],\n"
          "     \"offers\": [{\"id\": \"o%u\", \"title\": \"Reminders\", \"pitch\": \"Would you like a reminder?\"}]},\n",
          i, i, i, i + 1, i, i);
    }
  g_string_append_printf (json,
                          "    {\"id\": \"s%u\", \"kind\": \"end\", \"title\": \"Done\", \"outcome\": \"completed\"}\n  ]\n}\n",
                          N_STEPS);
  return g_string_free_to_bytes (json);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof (double), compare_doubles);
  return values[N_RUNS / 2];
}

int
main (void)
{
  g_autoptr(GBytes) bytes = generate_flow ();
  double parse_ms[N_RUNS], load_ms[N_RUNS];
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  double parse_median, load_median;
  struct mallinfo2 before, after;

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GpFlow) flow = NULL;
      gint64 t0, t1, t2;

      /* Alternate which goes first so neither always gets the warmer cache. */
      if (run % 2 == 0)
        {
          t0 = g_get_monotonic_time ();
          if (!json_parser_load_from_data (parser, data, length, &error))
            g_error ("json-glib: %s", error->message);
          t1 = g_get_monotonic_time ();
          flow = gp_flow_load_bytes (bytes, "bench.json", NULL, &error);
          t2 = g_get_monotonic_time ();
          parse_ms[run] = (t1 - t0) / 1000.0;
          load_ms[run] = (t2 - t1) / 1000.0;
        }
      else
        {
          t0 = g_get_monotonic_time ();
          flow = gp_flow_load_bytes (bytes, "bench.json", NULL, &error);
          t1 = g_get_monotonic_time ();
          if (!json_parser_load_from_data (parser, data, length, NULL))
            g_error ("json-glib failed");
          t2 = g_get_monotonic_time ();
          load_ms[run] = (t1 - t0) / 1000.0;
          parse_ms[run] = (t2 - t1) / 1000.0;
        }
      if (flow == NULL)
        g_error ("the generated flow did not load: %s", error->message);
    }

  parse_median = median (parse_ms);
  load_median = median (load_ms);

  /* Memory the loaded flow keeps, per step (the parse tree is freed after loading). */
  malloc_trim (0);
  before = mallinfo2 ();
  {
    g_autoptr(GpFlow) flow = gp_flow_load_bytes (bytes, "bench.json", NULL, NULL);

    after = mallinfo2 ();
    g_print ("flow: %u steps, %" G_GSIZE_FORMAT " bytes of JSON\n", gp_flow_get_n_steps (flow), length);
  }

  g_print ("json-glib parse ms (median of %d): %.2f\n", N_RUNS, parse_median);
  g_print ("guidepost load+validate ms (median of %d): %.2f\n", N_RUNS, load_median);
  g_print ("flow-load ratio: %.2f\n", load_median / parse_median);
  g_print ("memory per step: %.0f bytes\n",
           (double) (after.uordblks - before.uordblks) / (N_STEPS + 1));
  return 0;
}
