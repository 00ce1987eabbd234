/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Step change to the next frame: the median time from activating session.next (or a
 * question's answer) on a GpSessionView to the "after-paint" of its frame clock, over
 * at least MIN_STEPS step changes across the bundled flows.  Prints `step-frame ms: X`
 * (target < 16).  Each step is pressed after 50 ms without input, as a person would after
 * reading it (back to back, GTK's frame pacing alone would add up to a frame).  Run it with `xvfb-run -a meson test -C _build --benchmark step-frame`. */
#include <adwaita.h>
#include <guidepost/guidepost.h>

#include "gp-session-view.h"
#include "gp-step-view.h"

#define MIN_STEPS 240
#define MAX_STEPS_PER_SESSION 40
#define WATCHDOG_US (10 * G_USEC_PER_SEC)
#define IDLE_US (50 * 1000)

static gint64 action_us;  /* the synchronous part: the session and the widgets' update */
static guint n_actions;

static const char * const languages[] = { "en_GB", "en", "C", NULL };

typedef struct {
  gboolean painted;
  gint64   painted_at;
  gint64   began_at;
} Paint;

static gint64 wait_us, frame_us;

static void
on_before_paint (GdkFrameClock *clock,
                 Paint         *paint)
{
  if (paint->began_at == 0)
    paint->began_at = g_get_monotonic_time ();
}

static void
on_after_paint (GdkFrameClock *clock,
                Paint         *paint)
{
  if (!paint->painted)
    {
      paint->painted = TRUE;
      paint->painted_at = g_get_monotonic_time ();
    }
}

static void
wait_for (Paint *paint)
{
  gint64 deadline = g_get_monotonic_time () + WATCHDOG_US;

  while (!paint->painted)
    {
      g_main_context_iteration (NULL, TRUE);
      if (g_get_monotonic_time () > deadline)
        g_error ("No frame was drawn within %d s", (int) (WATCHDOG_US / G_USEC_PER_SEC));
    }
}

/* Lets what is pending settle: one more frame, untimed. */
static void
settle (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  Paint paint = { FALSE, 0, 0 };
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &paint);

  gtk_widget_queue_draw (widget);
  wait_for (&paint);
  g_signal_handler_disconnect (clock, id);
}

/* Returns: microseconds from the action to the end of the next frame, or -1 when the
 * action did not change the step (an on-complete offer was made first). */
static gint64
timed_action (GtkWidget  *view,
              GpSession  *session,
              const char *action,
              GVariant   *parameter)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (view);
  guint64 before = gp_session_get_n_events (session);
  gint64 idle_until = g_get_monotonic_time () + IDLE_US;
  GpStep *step = gp_session_get_current_step (session);
  Paint paint = { FALSE, 0, 0 };
  gulong id, id2;
  gint64 start;

  /* A person reads the step before pressing Next: the frame clock is idle by then. */
  while (g_get_monotonic_time () < idle_until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &paint);
  id2 = g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint), &paint);
  start = g_get_monotonic_time ();

  if (!gtk_widget_activate_action_variant (view, action, parameter))
    g_error ("Action %s not activated", action);
  action_us += g_get_monotonic_time () - start;
  n_actions++;
  g_assert_cmpuint (gp_session_get_n_events (session), >, before);
  wait_for (&paint);
  g_signal_handler_disconnect (clock, id);
  g_signal_handler_disconnect (clock, id2);
  /* BENCH_VERBOSE=1: each step, to find the slow ones. */
  if (g_getenv ("BENCH_VERBOSE") != NULL)
    g_printerr ("%s %s: until the frame %.1f ms, frame %.1f ms\n", gp_step_get_id (step), action,
                (paint.began_at - start) / 1000.0, (paint.painted_at - paint.began_at) / 1000.0);
  wait_us += paint.began_at - start;
  frame_us += paint.painted_at - paint.began_at;
  return gp_session_get_current_step (session) != step ? paint.painted_at - start : -1;
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
run_session (GtkWidget *view,
             GpFlow    *flow,
             GArray    *times)
{
  GpStepView *step_view = GP_STEP_VIEW (gtk_widget_get_template_child (view, GP_TYPE_SESSION_VIEW, "step_view"));
  g_autoptr(GHashTable) visited = g_hash_table_new (NULL, NULL);
  GpSession *session;
  guint n = 0;

  gp_session_view_start (GP_SESSION_VIEW (view), flow, NULL, NULL, GP_SESSION_MODE_ASSISTED);
  gtk_widget_activate_action (view, "session.start", NULL);
  session = gp_session_view_get_session (GP_SESSION_VIEW (view));
  g_assert_nonnull (session);
  settle (view);

  while (n++ < MAX_STEPS_PER_SESSION)
    {
      GpStep *step = gp_session_get_current_step (session);
      const char * const *checks;
      gint64 t;

      if (gp_step_get_kind (step) == GP_STEP_KIND_END)
        break;
      if (gp_step_view_get_shown_offer (step_view, NULL) != NULL)
        gtk_widget_activate_action (view, "session.decline-offer", NULL);

      switch (gp_step_get_kind (step))
        {
        case GP_STEP_KIND_QUESTION:
          /* First answer on the first visit, the last one after: every loop ends. */
          t = timed_action (view, session, "session.choose",
                            g_variant_new_uint32 (g_hash_table_contains (visited, step)
                                                  ? gp_step_get_n_choices (step) - 1 : 0));
          break;
        case GP_STEP_KIND_IDENTITY_CHECK:
          checks = gp_step_get_checks (step);
          for (guint i = 0; checks != NULL && checks[i] != NULL; i++)
            gtk_widget_activate_action (view, "session.pass-check", "u", i);
          G_GNUC_FALLTHROUGH;
        case GP_STEP_KIND_SCREEN:
        case GP_STEP_KIND_INFO:
        case GP_STEP_KIND_END:
        default:
          t = timed_action (view, session, "session.next", NULL);
          break;
        }
      g_hash_table_add (visited, step);
      if (t >= 0)
        g_array_append_val (times, t);
      else if (gp_step_view_get_shown_offer (step_view, NULL) != NULL)
        gtk_widget_activate_action (view, "session.decline-offer", NULL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) system_dirs = g_strdupv ((char **) g_get_system_data_dirs ());
  g_autofree char *schema_dirs = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  g_autoptr(GpFlowLibrary) library = NULL;
  g_autoptr(GtkCssProvider) css = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkWidget *window, *view;
  GListModel *flows;
  double median, p90;

  /* libadwaita looks up a system schema: keep it in the path next to ours. */
  for (guint i = 0; system_dirs[i] != NULL; i++)
    {
      g_autofree char *schemas = g_build_filename (system_dirs[i], "glib-2.0", "schemas", NULL);

      if (g_file_test (schemas, G_FILE_TEST_IS_DIR))
        {
          g_autofree char *dirs = schema_dirs != NULL
                                  ? g_strjoin (G_SEARCHPATH_SEPARATOR_S, schema_dirs, schemas, NULL)
                                  : g_strdup (schemas);

          g_setenv ("GSETTINGS_SCHEMA_DIR", dirs, TRUE);
          break;
        }
    }

  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_type_ensure (GP_TYPE_SESSION_VIEW);
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  library = gp_flow_library_new ();
  gp_flow_library_set_languages (library, languages);
  flows = G_LIST_MODEL (library);
  g_assert_cmpuint (g_list_model_get_n_items (flows), >, 0);

  window = adw_window_new ();
  view = gp_session_view_new ();
  adw_window_set_content (ADW_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_present (GTK_WINDOW (window));
  settle (view);

  for (guint i = 0; times->len < MIN_STEPS; i++)
    {
      g_autoptr(GpFlow) flow = g_list_model_get_item (flows, i % g_list_model_get_n_items (flows));

      run_session (view, flow, times);
    }

  g_array_sort (times, compare_int64);
  median = g_array_index (times, gint64, times->len / 2) / 1000.0;
  p90 = g_array_index (times, gint64, times->len * 9 / 10) / 1000.0;
  g_print ("steps: %u\n", times->len);
  g_print ("action mean ms: %.2f\n", action_us / 1000.0 / MAX (n_actions, 1));
  g_print ("until the frame began, mean ms: %.2f\n", wait_us / 1000.0 / MAX (n_actions, 1));
  g_print ("frame (layout and paint), mean ms: %.2f\n", frame_us / 1000.0 / MAX (n_actions, 1));
  g_print ("step-frame p90 ms: %.2f\n", p90);
  g_print ("step-frame ms: %.2f\n", median);

  gtk_window_destroy (GTK_WINDOW (window));
  return median < 16 ? 0 : 1;
}
