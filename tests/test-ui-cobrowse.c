/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <adwaita.h>
#include <glib/gstdio.h>
#include <guidepost/guidepost.h>

#include "gp-cobrowse-private.h"
#include "gp-application.h"
#include "gp-join-page.h"
#include "gp-mock-screen.h"
#include "gp-session-view-private.h"
#include "gp-share-window.h"
#include "gp-step-view.h"
#include "gp-test-ui.h"
#include "gp-window.h"
#include "gp-window-private.h"

#define BUNDLED_FLOWS RESOURCE_BASE "/flows"

/* The agent hosts a session in one window, the customer joins it from the library window
 * of another, in the same process over loopback. */

static GtkApplication *app;
static const GpSessionMode training_mode = GP_SESSION_MODE_TRAINING;

typedef struct {
  GpFlowLibrary *library;
  GpFlow        *flow;
  GpSession     *session;      /* the agent's */
  GtkWindow     *agent_window;
  GpSessionView *agent_view;
  GpWindow      *customer_window;
} Fixture;

static GtkWidget *
find_dialog (const char *kind)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          g_strcmp0 (g_object_get_data (G_OBJECT (window), "gp-kind"), kind) == 0)
        return window;
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* As the person does: presses the dialog's button. */
static void
respond (GtkWidget  *dialog,
         const char *label)
{
  GtkWidget *button = find_button (dialog, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
knock_shown (gpointer data)
{
  return find_dialog ("knock") != NULL;
}

static gboolean
consent_shown (gpointer data)
{
  return find_dialog ("consent") != NULL;
}

static GpSessionView *
customer_view (Fixture *f)
{
  GtkWidget *view = gp_window_get_session_view (f->customer_window);

  return view != NULL ? GP_SESSION_VIEW (view) : NULL;
}

static GpSession *
mirror (Fixture *f)
{
  GpSessionView *view = customer_view (f);

  return view != NULL ? gp_session_view_get_session (view) : NULL;
}

static gboolean
caught_up (gpointer data)
{
  Fixture *f = data;

  return mirror (f) != NULL && gp_session_get_n_events (mirror (f)) == gp_session_get_n_events (f->session);
}

static const char *
step_id (GpSession *session)
{
  return gp_step_get_id (gp_session_get_current_step (session));
}

static const char *wanted_step;

static gboolean
both_at_wanted_step (gpointer data)
{
  Fixture *f = data;

  return caught_up (f) && g_strcmp0 (step_id (f->session), wanted_step) == 0;
}

static gboolean
customer_drives (gpointer data)
{
  Fixture *f = data;

  return caught_up (f) && gp_session_get_driver (mirror (f)) == GP_ACTOR_CUSTOMER;
}

static gboolean
agent_drives (gpointer data)
{
  Fixture *f = data;

  return caught_up (f) && gp_session_get_driver (mirror (f)) == GP_ACTOR_AGENT;
}

static GpMockScreen *
mock_screen_of (GpSessionView *view)
{
  GpStepView *step_view = GP_STEP_VIEW (gtk_widget_get_template_child (GTK_WIDGET (view), GP_TYPE_SESSION_VIEW,
                                                                       "step_view"));

  return GP_MOCK_SCREEN (gtk_widget_get_template_child (GTK_WIDGET (step_view), GP_TYPE_STEP_VIEW, "mock_screen"));
}

static gboolean
customer_sees_pointer (gpointer data)
{
  const char **expected = data;
  Fixture *f = (Fixture *) expected[0];
  GtkWidget *pointed;

  if (customer_view (f) == NULL)
    return FALSE;
  pointed = gp_mock_screen_get_pointed (mock_screen_of (customer_view (f)));
  return pointed != NULL && g_strcmp0 (g_object_get_data (G_OBJECT (pointed), "gp-element-id"), expected[1]) == 0;
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *f = data;

  return customer_view (f)->toast != NULL;
}

static gboolean
peer_in_state (gpointer data)
{
  gpointer *args = data;

  return (int) gp_cobrowse_peer_get_state (args[0]) == GPOINTER_TO_INT (args[1]);
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "flows", "base.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->flow = gp_flow_load_file (file, NULL, NULL, &error);
  g_assert_no_error (error);
  f->session = gp_session_new (f->flow, data != NULL ? *(const GpSessionMode *) data : GP_SESSION_MODE_ASSISTED,
                               "sign in", GP_FAMILIARITY_NEW, "Cannot sign in", NULL);

  f->agent_window = GTK_WINDOW (adw_application_window_new (app));
  gtk_window_set_default_size (f->agent_window, 640, 800);
  f->agent_view = GP_SESSION_VIEW (gp_session_view_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (f->agent_window), GTK_WIDGET (f->agent_view));
  gp_session_view_show_session (f->agent_view, f->session);
  gtk_window_present (f->agent_window);

  f->library = gp_flow_library_new_for_sources (BUNDLED_FLOWS, NULL);
  f->customer_window = gp_window_new (app, f->library);
  gtk_window_set_default_size (GTK_WINDOW (f->customer_window), 640, 800);
  gtk_window_present (GTK_WINDOW (f->customer_window));
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->agent_window), GP_TEST_WATCHDOG_MS));
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  gp_test_destroy_and_wait (GTK_WIDGET (f->customer_window));
  gp_test_destroy_and_wait (GTK_WIDGET (f->agent_window));
  g_assert_finalize_object (f->session);
  g_assert_finalize_object (f->library);
  g_clear_object (&f->flow);
}

static void
test_share_and_join (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *share, *dialog, *page;
  GpCobrowseHost *host;
  GpCobrowsePeer *peer;
  GpStepView *customer_steps;
  g_autofree char *address = NULL;
  g_autofree char *shown_code = NULL;
  const char *pointer_args[2] = { (const char *) f, "continue" };
  gpointer state_args[2];

  /* Share: the agent picks the reach (loopback, any port) and gets the code. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.share", NULL));
  share = gp_test_find_toplevel (GP_TYPE_SHARE_WINDOW);
  g_assert_nonnull (share);
  g_signal_emit_by_name (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "start_button"), "clicked");
  host = gp_session_view_get_host (f->agent_view);
  g_assert_nonnull (host);
  g_assert_true (g_str_has_prefix (gp_cobrowse_host_get_uri (host), "ws://127.0.0.1:"));
  shown_code = g_strdup (gp_share_window_get_code (GP_SHARE_WINDOW (share)));
  g_assert_cmpuint (strlen (shown_code), ==, GP_COBROWSE_CODE_LENGTH + 1);
  gp_test_save_png (share, "ui-share.png");

  /* Join: what the customer types, as read out (address without scheme, code with its dash). */
  address = g_strdup_printf ("127.0.0.1:%u", gp_cobrowse_host_get_port (host));
  page = gp_window_show_join_page (f->customer_window);
  gp_join_page_set_details (GP_JOIN_PAGE (page), address, shown_code, "Alex");
  g_assert_true (gtk_widget_activate_action (page, "join.join", NULL));
  g_assert_true (gp_test_wait_until (knock_shown, NULL, GP_TEST_WATCHDOG_MS));
  dialog = find_dialog ("knock");
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "Alex wants to join as customer");
  peer = gp_join_page_get_peer (GP_JOIN_PAGE (page));
  g_assert_nonnull (peer);
  state_args[0] = peer;
  state_args[1] = GINT_TO_POINTER (GP_COBROWSE_PEER_STATE_WAITING);
  g_assert_true (gp_test_wait_until (peer_in_state, state_args, GP_TEST_WATCHDOG_MS));
  gp_test_save_png (dialog, "ui-knock.png");
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-join-waiting.png");
  respond (dialog, "_Admit");

  /* The customer sees the same step, in customer wording without talk tracks. */
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_cmpstr (step_id (mirror (f)), ==, step_id (f->session));
  g_assert_true (gp_session_view_get_remote (customer_view (f)) != NULL);
  customer_steps = GP_STEP_VIEW (gtk_widget_get_template_child (GTK_WIDGET (customer_view (f)), GP_TYPE_SESSION_VIEW,
                                                                "step_view"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (customer_steps),
                                                                                     GP_TYPE_STEP_VIEW, "talk_box"))));
  g_assert_cmpuint (g_list_model_get_n_items (gp_cobrowse_host_get_peers (host)), ==, 1);
  gp_test_save_png (share, "ui-share-joined.png");
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-customer-joined.png");

  /* The customer's Next is a request: the host applies it, both views move on. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customer_view (f)), "session.next", NULL));
  wanted_step = "sign-in";
  g_assert_true (gp_test_wait_until (both_at_wanted_step, f, GP_TEST_WATCHDOG_MS));
  g_assert_cmpstr (step_id (mirror (f)), ==, "sign-in");
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));

  /* Pointing: the agent picks an element, the customer's screen highlights it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.point", "s", "continue"));
  g_assert_true (gp_test_wait_until (customer_sees_pointer, pointer_args, GP_TEST_WATCHDOG_MS));
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-pointer.png");
  gtk_toggle_button_set_active (f->agent_view->point_button, TRUE);
  g_assert_true (gp_mock_screen_pick_element (mock_screen_of (f->agent_view), "password"));
  pointer_args[1] = "password";
  g_assert_true (gp_test_wait_until (customer_sees_pointer, pointer_args, GP_TEST_WATCHDOG_MS));
  gtk_toggle_button_set_active (f->agent_view->point_button, FALSE);
  g_assert_false (gp_mock_screen_pick_element (mock_screen_of (f->agent_view), "number"));

  /* Take over needs the customer's consent; then the customer's Next is refused, as a toast. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.take-over", NULL));
  g_assert_true (gp_test_wait_until (consent_shown, NULL, GP_TEST_WATCHDOG_MS));
  respond (find_dialog ("consent"), "_Allow");
  g_assert_true (gp_test_wait_until (agent_drives, f, GP_TEST_WATCHDOG_MS));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (customer_view (f)), "session.next", NULL));
  g_assert_true (gp_test_wait_until (toast_shown, f, GP_TEST_WATCHDOG_MS));
  g_assert_cmpstr (adw_toast_get_title (customer_view (f)->toast), ==,
                   "The agent is driving now: ask them to hand back");
  g_assert_cmpstr (step_id (f->session), ==, "sign-in");

  /* Hand back, again with consent. */
  g_assert_null (find_dialog ("consent"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.hand-back", NULL));
  g_test_message ("agent: %s", f->agent_view->toast != NULL ? adw_toast_get_title (f->agent_view->toast) : "-");
  g_assert_true (gp_test_wait_until (consent_shown, NULL, GP_TEST_WATCHDOG_MS));
  respond (find_dialog ("consent"), "_Allow");
  g_assert_true (gp_test_wait_until (customer_drives, f, GP_TEST_WATCHDOG_MS));

  /* A dropped connection: "Reconnecting…", then caught up with what it missed. */
  peer = gp_session_view_get_remote (customer_view (f));
  state_args[0] = peer;
  state_args[1] = GINT_TO_POINTER (GP_COBROWSE_PEER_STATE_RECONNECTING);
  gp_cobrowse_peer_hold_reconnect (peer, TRUE);
  gp_cobrowse_peer_break_connection (peer);
  g_assert_true (gp_test_wait_until (peer_in_state, state_args, GP_TEST_WATCHDOG_MS));
  g_assert_true (gtk_revealer_get_reveal_child (customer_view (f)->connection_revealer));
  g_assert_cmpstr (gtk_label_get_label (customer_view (f)->connection_label), ==, "Reconnecting…");
  g_assert_true (gp_session_reveal_hint (f->session, GP_ACTOR_AGENT, NULL));
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-reconnecting.png");
  gp_cobrowse_peer_hold_reconnect (peer, FALSE);
  state_args[1] = GINT_TO_POINTER (GP_COBROWSE_PEER_STATE_CONNECTED);
  g_assert_true (gp_test_wait_until (peer_in_state, state_args, GP_TEST_WATCHDOG_MS));
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_false (gtk_revealer_get_reveal_child (customer_view (f)->connection_revealer));
  g_assert_cmpuint (gp_session_get_hints_used (mirror (f), "sign-in"), ==, 1);

  /* Stop sharing: the customer is told, clearly. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.stop-sharing", NULL));
  g_assert_null (gp_session_view_get_host (f->agent_view));
  state_args[1] = GINT_TO_POINTER (GP_COBROWSE_PEER_STATE_CLOSED);
  g_assert_true (gp_test_wait_until (peer_in_state, state_args, GP_TEST_WATCHDOG_MS));
  g_assert_true (gtk_revealer_get_reveal_child (customer_view (f)->connection_revealer));
  g_test_message ("closed: %s", gtk_label_get_label (customer_view (f)->connection_label));
  g_assert_false (gp_session_view_remote_allows (customer_view (f), "session.next"));
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-customer-closed.png");
}

/* "Local network" on a chosen port: the address shown is one the customer can reach (a
 * network address of this computer, never 0.0.0.0), and a port in use is named. */
static void
test_share_network (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSocket) blocker = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) any = g_inet_address_new_any (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bind_to = g_inet_socket_address_new (any, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) local = gp_cobrowse_local_addresses ();
  g_auto(GStrv) uris = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GpCobrowsePeer) peer = NULL;
  g_autofree char *expected_host = NULL;
  GtkWidget *share, *error_label, *address_label;
  GpCobrowseHost *host;
  guint port;
  gpointer state_args[2];

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.share", NULL));
  share = gp_test_find_toplevel (GP_TYPE_SHARE_WINDOW);
  g_assert_nonnull (share);
  error_label = GTK_WIDGET (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "error_label"));
  address_label = GTK_WIDGET (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "address_label"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "network_check")), TRUE);

  /* A port somebody else listens on: the error says which. */
  g_assert_true (g_socket_bind (blocker, bind_to, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (blocker, &error));
  bound = g_socket_get_local_address (blocker, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "port_spin")), port);
  g_signal_emit_by_name (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "start_button"), "clicked");
  g_assert_null (gp_session_view_get_host (f->agent_view));
  g_assert_true (gtk_widget_get_visible (error_label));
  {
    g_autofree char *port_text = g_strdup_printf ("port %u", port);

    g_test_message ("port in use: %s", gtk_label_get_label (GTK_LABEL (error_label)));
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), port_text));
  }
  gp_test_save_png (share, "ui-share-port-in-use.png");

  /* The port freed: sharing starts there, at an address of this computer. */
  g_socket_close (blocker, NULL);
  g_signal_emit_by_name (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "start_button"), "clicked");
  host = gp_session_view_get_host (f->agent_view);
  g_assert_nonnull (host);
  g_assert_cmpuint (gp_cobrowse_host_get_port (host), ==, port);
  uri = g_uri_parse (gp_cobrowse_host_get_uri (host), G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_uri_get_port (uri), ==, (int) port);
  expected_host = g_strdup (local[0] != NULL ? local[0] : "127.0.0.1");
  g_assert_cmpstr (g_uri_get_host (uri), ==, expected_host);
  uris = gp_cobrowse_host_dup_uris (host);
  g_assert_cmpuint (g_strv_length (uris), ==, MAX (1, g_strv_length (local)));
  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_assert_null (strstr (uris[i], "0.0.0.0"));
      g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (address_label)), uris[i]));
    }
  gp_test_save_png (share, "ui-share-network.png");

  /* Reachable there. */
  peer = gp_cobrowse_peer_new (gp_cobrowse_host_get_uri (host), gp_cobrowse_host_get_code (host),
                               GP_COBROWSE_ROLE_CUSTOMER, "Lee");
  gp_cobrowse_peer_connect (peer);
  state_args[0] = peer;
  state_args[1] = GINT_TO_POINTER (GP_COBROWSE_PEER_STATE_WAITING);
  g_assert_true (gp_test_wait_until (peer_in_state, state_args, GP_TEST_WATCHDOG_MS));
  gp_cobrowse_peer_close (peer);
  gtk_window_destroy (GTK_WINDOW (share));
}

static gboolean
remote_role_is (gpointer data)
{
  gpointer *args = data;
  GpSessionView *view = args[0] != NULL ? customer_view (args[0]) : NULL;

  return view != NULL && gp_session_view_get_remote (view) != NULL &&
         (int) gp_cobrowse_peer_get_role (gp_session_view_get_remote (view)) == GPOINTER_TO_INT (args[1]);
}

static GtkWidget *
find_refusal (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (window) &&
          g_strcmp0 (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), "That Did Not Work") == 0)
        return window;
    }
  return NULL;
}

/* The classroom: the trainer opens it from the share window, a trainee joins with its
 * code (no knock), watches with nothing to press, is handed the driving, moves the
 * session on, and has the driving taken back. */
static void
test_classroom (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *share, *page, *closed_row, *open_row, *group, *dialog;
  GpCobrowseHost *host;
  GpSessionView *trainee;
  g_autofree char *address = NULL;
  const char *code;
  gpointer role_args[2] = { f, NULL };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.share", NULL));
  share = gp_test_find_toplevel (GP_TYPE_SHARE_WINDOW);
  g_signal_emit_by_name (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "start_button"), "clicked");
  host = gp_session_view_get_host (f->agent_view);
  g_assert_nonnull (host);
  group = GTK_WIDGET (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "classroom_group"));
  closed_row = GTK_WIDGET (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "classroom_closed_row"));
  open_row = GTK_WIDGET (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "classroom_open_row"));
  g_assert_true (gtk_widget_get_visible (group));
  g_assert_true (gtk_widget_get_visible (closed_row));
  g_assert_true (gtk_widget_activate_action (share, "share.open-classroom", NULL));
  code = gp_cobrowse_host_get_classroom_code (host);
  g_assert_nonnull (code);
  g_assert_false (gtk_widget_get_visible (closed_row));
  g_assert_true (gtk_widget_get_visible (open_row));

  /* A trainee joins with the classroom code as read out, and is not asked about. */
  address = g_strdup_printf ("127.0.0.1:%u", gp_cobrowse_host_get_port (host));
  page = gp_window_show_join_page (f->customer_window);
  gp_join_page_set_details (GP_JOIN_PAGE (page), address,
                            gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW,
                                                                                            "classroom_code_label"))),
                            "");
  gp_join_page_set_trainee (GP_JOIN_PAGE (page), TRUE);
  /* A trainee is handed the driving by name: the name is asked for. */
  g_assert_true (gtk_widget_activate_action (page, "join.join", NULL));
  g_assert_null (gp_join_page_get_peer (GP_JOIN_PAGE (page)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (page, GP_TYPE_JOIN_PAGE, "error_label"))));
  gp_join_page_set_details (GP_JOIN_PAGE (page), address,
                            gtk_label_get_label (GTK_LABEL (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW,
                                                                                            "classroom_code_label"))),
                            "Sam");
  g_assert_true (gtk_widget_activate_action (page, "join.join", NULL));
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_null (find_dialog ("knock"));
  trainee = customer_view (f);
  g_assert_cmpint (gp_cobrowse_peer_get_role (gp_session_view_get_remote (trainee)), ==, GP_COBROWSE_ROLE_OBSERVER);

  /* Watching: nothing to press, the trainer drives, no fault console, the agent's view. */
  g_assert_false (gp_session_view_remote_allows (trainee, "session.next"));
  g_assert_false (gp_session_view_is_self_service (mirror (f)));
  g_assert_nonnull (strstr (gtk_label_get_label (trainee->cobrowse_label), "The trainer drives"));
  {
    GtkWidget *steps = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (trainee), GP_TYPE_SESSION_VIEW, "step_view"));

    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (steps, GP_TYPE_STEP_VIEW,
                                                                                        "fault_console"))));
  }
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-classroom-trainee-watching.png");

  /* Handed the driving by name from the share window. */
  g_assert_true (gtk_widget_activate_action (share, "share.hand-driving", "s", "Sam"));
  role_args[1] = GINT_TO_POINTER (GP_COBROWSE_ROLE_AGENT);
  g_assert_true (gp_test_wait_until (remote_role_is, role_args, GP_TEST_WATCHDOG_MS));
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_cmpstr (gp_session_get_driving_trainee (f->session), ==, "Sam");
  g_assert_true (gp_session_view_remote_allows (trainee, "session.next"));
  g_assert_nonnull (strstr (gtk_label_get_label (trainee->cobrowse_label), "You drive"));
  g_assert_nonnull (strstr (gtk_label_get_label (f->agent_view->cobrowse_label), "Sam drives"));
  gp_test_save_png (share, "ui-classroom-share.png");
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-classroom-trainee-driving.png");

  /* The trainee moves the session on; the trainer's session follows. */
  wanted_step = "sign-in";
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trainee), "session.next", NULL));
  g_assert_true (gp_test_wait_until (both_at_wanted_step, f, GP_TEST_WATCHDOG_MS));

  /* Handing to somebody who is not there is refused, and said. */
  g_assert_true (gtk_widget_activate_action (share, "share.hand-driving", "s", "Nobody"));
  dialog = find_refusal ();
  g_assert_nonnull (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Taken back: watching again. */
  g_assert_true (gtk_widget_activate_action (share, "share.take-back-driving", "s", "Sam"));
  role_args[1] = GINT_TO_POINTER (GP_COBROWSE_ROLE_OBSERVER);
  g_assert_true (gp_test_wait_until (remote_role_is, role_args, GP_TEST_WATCHDOG_MS));
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_null (gp_session_get_driving_trainee (f->session));
  g_assert_false (gp_session_view_remote_allows (trainee, "session.next"));
  g_assert_nonnull (strstr (gtk_label_get_label (trainee->cobrowse_label), "The trainer drives"));

  gtk_window_destroy (GTK_WINDOW (share));
}

/* In an assisted session the share window offers no classroom. */
static void
test_no_classroom_when_assisted (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *share;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->agent_view), "session.share", NULL));
  share = gp_test_find_toplevel (GP_TYPE_SHARE_WINDOW);
  g_signal_emit_by_name (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW, "start_button"), "clicked");
  g_assert_nonnull (gp_session_view_get_host (f->agent_view));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (share, GP_TYPE_SHARE_WINDOW,
                                                                                      "classroom_group"))));
  gtk_window_destroy (GTK_WINDOW (share));
}

static gboolean
file_gone (gpointer data)
{
  return !g_file_test (data, G_FILE_TEST_EXISTS);
}

/* The customer's Guidepost stops while following (its saved place is what a crash leaves
 * behind); started again, the library offers to rejoin, and the customer comes back into
 * the same seat with what was missed, once.  A place that cannot be read says why. */
static void
test_rejoin_after_stop (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = gp_window_peer_state_path ();
  g_autofree char *address = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *state = NULL;
  gsize saved_length;
  GtkWidget *page, *rejoin_row;
  GpCobrowseHost *host;
  GStatBuf info;
  g_autoptr(GError) error = NULL;

  g_assert_true (gp_session_view_share (f->agent_view, NULL, 0, NULL));
  host = gp_session_view_get_host (f->agent_view);
  address = g_strdup_printf ("127.0.0.1:%u", gp_cobrowse_host_get_port (host));
  page = gp_window_show_join_page (f->customer_window);
  gp_join_page_set_details (GP_JOIN_PAGE (page), address, gp_cobrowse_host_get_code (host), "Alex");
  g_assert_true (gtk_widget_activate_action (page, "join.join", NULL));
  g_assert_true (gp_test_wait_until (knock_shown, NULL, GP_TEST_WATCHDOG_MS));
  respond (find_dialog ("knock"), "_Admit");
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));

  /* The place is kept, for the customer only. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);
  g_assert_true (gp_session_next (f->session, GP_ACTOR_AGENT, &error));
  g_assert_no_error (error);
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_true (g_file_get_contents (path, &saved, &saved_length, &error));
  g_assert_no_error (error);

  /* Guidepost stops.  Closing the window leaves the session and forgets the place; what
   * a crash leaves behind is the file as it was, put back here. */
  gp_test_destroy_and_wait (GTK_WIDGET (f->customer_window));
  g_assert_true (file_gone (path));
  g_assert_true (gp_session_add_note (f->session, GP_ACTOR_AGENT, "while the customer was away", &error));
  g_assert_true (gp_session_next (f->session, GP_ACTOR_AGENT, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (path, saved, (gssize) saved_length, G_FILE_SET_CONTENTS_CONSISTENT,
                                           0600, &error));
  g_assert_no_error (error);

  /* Started again: the library offers to rejoin. */
  f->customer_window = gp_window_new (app, f->library);
  gtk_window_set_default_size (GTK_WINDOW (f->customer_window), 640, 800);
  gtk_window_present (GTK_WINDOW (f->customer_window));
  g_assert_true (gp_test_wait_for_draw (GTK_WIDGET (f->customer_window), GP_TEST_WATCHDOG_MS));
  rejoin_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->customer_window), GP_TYPE_WINDOW, "rejoin_row"));
  g_assert_true (gtk_widget_get_visible (rejoin_row));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (rejoin_row)), gp_flow_get_title (f->flow)));
  gp_test_save_png (GTK_WIDGET (f->customer_window), "ui-rejoin-offered.png");

  /* Back in the same seat, no knock, with exactly what was missed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->customer_window), "win.rejoin-session", NULL));
  g_assert_true (gp_test_wait_until (caught_up, f, GP_TEST_WATCHDOG_MS));
  g_assert_null (find_dialog ("knock"));
  g_assert_cmpuint (g_list_model_get_n_items (gp_cobrowse_host_get_peers (host)), ==, 1);
  {
    g_autofree char *a = gp_session_describe_state (f->session);
    g_autofree char *b = gp_session_describe_state (mirror (f));

    g_assert_cmpstr (a, ==, b);
  }
  g_assert_false (gtk_widget_get_visible (rejoin_row));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A place that cannot be read is named, and can be forgotten. */
  gp_test_destroy_and_wait (GTK_WIDGET (f->customer_window));
  g_assert_true (g_file_set_contents (path, "{\"format\": \"guidepost-peer-state/1\"", -1, &error));
  f->customer_window = gp_window_new (app, f->library);
  gtk_window_present (GTK_WINDOW (f->customer_window));
  rejoin_row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->customer_window), GP_TYPE_WINDOW, "rejoin_row"));
  g_assert_true (gtk_widget_get_visible (rejoin_row));
  state = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (rejoin_row)));
  g_test_message ("broken place: %s", state);
  g_assert_nonnull (strstr (state, "cobrowse-place.json"));
  /* Nothing to rejoin with. */
  gtk_widget_activate_action (GTK_WIDGET (f->customer_window), "win.rejoin-session", NULL);
  g_assert_null (gp_window_get_session_view (f->customer_window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->customer_window), "win.forget-rejoin", NULL));
  g_assert_false (gtk_widget_get_visible (rejoin_row));
  g_assert_true (file_gone (path));
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *page, *dialog, *error_label;
  GpCobrowseHost *host;
  g_autofree char *address = NULL;

  g_assert_true (gp_session_view_share (f->agent_view, NULL, 0, NULL));
  host = gp_session_view_get_host (f->agent_view);
  address = g_strdup_printf ("127.0.0.1:%u", gp_cobrowse_host_get_port (host));
  page = gp_window_show_join_page (f->customer_window);
  gp_join_page_set_details (GP_JOIN_PAGE (page), address, gp_cobrowse_host_get_code (host), "Sam");
  g_assert_true (gtk_widget_activate_action (page, "join.join", NULL));
  g_assert_true (gp_test_wait_until (knock_shown, NULL, GP_TEST_WATCHDOG_MS));
  dialog = find_dialog ("knock");
  respond (dialog, "_Refuse");
  error_label = GTK_WIDGET (gtk_widget_get_template_child (page, GP_TYPE_JOIN_PAGE, "error_label"));
  g_assert_true (gp_test_wait_until ((GpTestCondition) gtk_widget_get_visible, error_label, GP_TEST_WATCHDOG_MS));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), ==, "The agent did not let you in. Ask them and try again.");
  g_assert_null (customer_view (f));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gp_test_init_gtk (&argc, &argv);
  app = GTK_APPLICATION (gp_test_application_new ("io.guidepost.Guidepost.UiCobrowseTest"));

  g_test_add ("/guidepost/ui/cobrowse/share-and-join", Fixture, NULL, setup, test_share_and_join, teardown);
  g_test_add ("/guidepost/ui/cobrowse/refused", Fixture, NULL, setup, test_refused, teardown);
  g_test_add ("/guidepost/ui/cobrowse/share-network", Fixture, NULL, setup, test_share_network, teardown);
  g_test_add ("/guidepost/ui/cobrowse/rejoin-after-stop", Fixture, NULL, setup, test_rejoin_after_stop, teardown);
  g_test_add ("/guidepost/ui/cobrowse/classroom", Fixture, &training_mode, setup, test_classroom, teardown);
  g_test_add ("/guidepost/ui/cobrowse/no-classroom-when-assisted", Fixture, NULL, setup,
              test_no_classroom_when_assisted, teardown);

  status = g_test_run ();

  g_clear_object (&app);
  return status;
}
