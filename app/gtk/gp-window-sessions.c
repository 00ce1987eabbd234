/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <guidepost/guidepost.h>

#include "gp-flow-row.h"
#include "gp-gtk-util.h"
#include "gp-join-page.h"
#include "gp-journal-row.h"
#include "gp-replay-window.h"
#include "gp-scenario-chooser.h"
#include "gp-sessions-window.h"
#include "gp-window-private.h"

static void
gp_window_show_library (GpWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->library_page);
}

static void
gp_window_show_session_page (GpWindow *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->session_page);
}

static void
on_leaflet_changed (GpWindow *self)
{
  gboolean in_session = adw_leaflet_get_folded (self->leaflet) &&
                        adw_leaflet_get_visible_child (self->leaflet) == self->session_page;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", in_session);

  /* Typing in the session must not land in the library's hidden search entry. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, in_session ? NULL : GTK_WIDGET (self));

  if (!in_session)
    gp_window_refresh_sessions (self);
}

void
gp_window_remember_mode (GpWindow *self)
{
  GpSession *session;

  if (self->session_view == NULL || self->settings == NULL)
    return;

  session = gp_session_view_get_session (self->session_view);
  /* A scenario played is chosen from the training menu, not a mode to start in next. */
  if (session != NULL && gp_session_get_scenario_id (session) == NULL)
    g_settings_set_enum (self->settings, "last-mode", gp_session_get_mode (session));
}

static void
on_session_view_closed (GpWindow *self)
{
  gp_window_remember_mode (self);
  gp_window_show_library (self);
  gp_window_refresh_sessions (self);
}

static void
on_session_changed (GpWindow *self)
{
  GpSession *session = self->session_view != NULL ? gp_session_view_get_session (self->session_view) : NULL;
  gboolean own = session != NULL && gp_session_view_get_remote (self->session_view) == NULL;

  gboolean sharing = own && gp_session_view_get_host (self->session_view) != NULL;

  /* Sharing starts and stops in the view and its window too: the menu offers each when it
   * can be done (Share Session… also shows the code of a session already shared). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share-session", own);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop-sharing", sharing);
}

/* The session page shows something other than a session view (the join page). */
static void
gp_window_drop_session_view (GpWindow *self)
{
  gp_window_remember_mode (self);
  g_clear_object (&self->session_title_binding);
  if (self->session_view != NULL)
    g_signal_handlers_disconnect_by_data (self->session_view, self);
  self->session_view = NULL;
  on_session_changed (self);
}

/* A fresh view per session: nothing of the last one stays behind. */
static GpSessionView *
gp_window_new_session_view (GpWindow *self)
{
  GtkWidget *view = gp_session_view_new ();

  gp_window_remember_mode (self);
  g_clear_object (&self->session_title_binding);
  if (self->session_view != NULL)
    g_signal_handlers_disconnect_by_data (self->session_view, self);

  self->session_view = GP_SESSION_VIEW (view);
  adw_bin_set_child (self->session_bin, view);
  g_signal_connect_object (view, "closed", G_CALLBACK (on_session_view_closed), self,
                           G_CONNECT_SWAPPED);
  self->session_title_binding = g_object_ref (g_object_bind_property (view, "title",
                                                                      self->session_title, "title",
                                                                      G_BINDING_SYNC_CREATE));
  g_signal_connect_object (view, "notify::session", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (view, "notify::sharing", G_CALLBACK (on_session_changed), self, G_CONNECT_SWAPPED);
  on_session_changed (self);
  return self->session_view;
}

void
gp_window_start_session (GpWindow *self,
                         GpFlow   *flow)
{
  g_autofree char *goal = NULL;
  GpSessionMode mode = GP_SESSION_MODE_ASSISTED;

  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (GP_IS_FLOW (flow));

  goal = gp_window_get_query (self);
  if (self->settings != NULL)
    mode = (GpSessionMode) g_settings_get_enum (self->settings, "last-mode");

  gp_session_view_start (gp_window_new_session_view (self), flow, self->journal, goal, mode);
  gp_window_show_session_page (self);
}

void
gp_window_start_scenario (GpWindow      *self,
                          GpScenario    *scenario,
                          GpScenarioRun  run)
{
  GpFlow *flow;

  g_return_if_fail (GP_IS_WINDOW (self));
  g_return_if_fail (GP_IS_SCENARIO (scenario));

  flow = gp_flow_library_lookup (self->library, gp_scenario_get_flow_id (scenario));
  if (flow == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The flow “%s” of this scenario is not in the library"),
                                                  gp_scenario_get_flow_id (scenario));

      gp_window_add_toast (self, adw_toast_new (message));
      return;
    }
  gp_session_view_start_scenario (gp_window_new_session_view (self), scenario, flow, self->journal, run);
  gp_window_show_session_page (self);
}

static void
on_scenario_chosen (GpWindow   *self,
                    GpScenario *scenario,
                    guint       run)
{
  gp_window_start_scenario (self, scenario, (GpScenarioRun) run);
}

static void
gp_window_practice (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  GtkWidget *chooser = gp_scenario_chooser_new (GTK_WINDOW (self), self->library);

  g_signal_connect_object (chooser, "start", G_CALLBACK (on_scenario_chosen), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (chooser));
}

static void
gp_window_show_existing_session (GpWindow  *self,
                                 GpSession *session)
{
  gp_session_view_show_session (gp_window_new_session_view (self), session);
  gp_window_show_session_page (self);
}

static gboolean
gp_window_is_current_session (GpWindow   *self,
                              const char *session_id)
{
  GpSession *current = self->session_view != NULL ? gp_session_view_get_session (self->session_view) : NULL;

  return current != NULL && g_strcmp0 (gp_session_get_id (current), session_id) == 0;
}

gboolean
gp_window_resume_session (GpWindow    *self,
                          const char  *session_id,
                          GError     **error)
{
  GpJournalSession *listed;
  GpFlow *flow;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) session = NULL;

  g_return_val_if_fail (GP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (session_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* The session on the page already goes on from where it is; a second copy would
   * write the same events twice. */
  if (gp_window_is_current_session (self, session_id))
    {
      gp_window_show_session_page (self);
      return TRUE;
    }

  if (self->journal == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO, _("The journal could not be opened"));
      return FALSE;
    }

  listed = gp_journal_find_session (self->journal, session_id);
  if (listed == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_UNKNOWN_SESSION,
                   _("The session %s is not in the journal"), session_id);
      return FALSE;
    }

  flow = gp_flow_library_lookup (self->library, gp_journal_session_get_flow_id (listed));
  if (flow == NULL)
    {
      g_set_error (error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_FAILED,
                   _("The flow “%s” of this session is no longer in the library"),
                   gp_journal_session_get_flow_id (listed));
      return FALSE;
    }

  events = gp_journal_load_events (self->journal, session_id, error);
  if (events == NULL)
    return FALSE;

  session = gp_session_new_from_events (flow, events, error);
  if (session == NULL)
    return FALSE;
  gp_session_set_sink (session, GP_EVENT_SINK (self->journal));

  /* The events still fit the flow (the replay checked), but its wording may have moved on. */
  if (g_strcmp0 (gp_flow_get_version (flow), gp_journal_session_get_flow_version (listed)) != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("Began with flow version %s, goes on with %s"),
                         gp_journal_session_get_flow_version (listed), gp_flow_get_version (flow));

      gp_window_add_toast (self, adw_toast_new (message));
    }

  gp_window_show_existing_session (self, session);
  return TRUE;
}

static void
on_continue_row_activated (GpWindow      *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  GpJournalSession *listed = gp_journal_row_get_session (GP_JOURNAL_ROW (row));
  g_autoptr(GError) error = NULL;

  if (!gp_window_resume_session (self, gp_journal_session_get_id (listed), &error))
    {
      /* Translators: %s says why a session could not be continued */
      g_autofree char *title = g_strdup_printf (_("Could not continue the session: %s"), error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

gboolean
gp_window_replay_session (GpWindow    *self,
                          const char  *session_id,
                          GError     **error)
{
  g_return_val_if_fail (GP_IS_WINDOW (self), FALSE);

  return gp_replay_window_open (GTK_WINDOW (self), self->journal, self->library, session_id, error);
}

static void
on_recent_row_activated (GpWindow      *self,
                         GtkListBoxRow *row,
                         GtkListBox    *list)
{
  GpJournalSession *listed = gp_journal_row_get_session (GP_JOURNAL_ROW (row));
  g_autoptr(GError) error = NULL;

  if (!gp_window_replay_session (self, gp_journal_session_get_id (listed), &error))
    {
      /* Translators: %s says why, e.g. the flow is no longer in the library */
      g_autofree char *title = g_strdup_printf (_("Could not replay the session: %s"), error->message);
      AdwToast *toast = adw_toast_new (title);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
on_flow_row_activated (GpWindow      *self,
                       GtkListBoxRow *row,
                       GtkListBox    *list)
{
  gp_window_start_session (self, gp_flow_row_get_flow (GP_FLOW_ROW (row)));
}

static void
gp_window_back (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  gp_window_remember_mode (self);
  gp_window_show_library (self);
}

static void
gp_window_show_sessions (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  GtkWidget *sessions = gp_sessions_window_new (self->journal, self->library, self->journal_error);

  gtk_window_set_transient_for (GTK_WINDOW (sessions), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (sessions));
}

/* Co-browse: sharing the session on the page, joining an agent's. */

static void
gp_window_share_session (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  if (self->session_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->session_view), "session.share", NULL);
  on_session_changed (self);
}

static void
gp_window_stop_sharing (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  if (self->session_view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->session_view), "session.stop-sharing", NULL);
  on_session_changed (self);
}

char *
gp_window_peer_state_path (void)
{
  return g_build_filename (g_get_user_state_dir (), "guidepost", "cobrowse-place.json", NULL);
}

static void
on_joined (GpWindow       *self,
           GpCobrowsePeer *peer)
{
  g_autoptr(GpCobrowsePeer) keep = g_object_ref (peer);
  g_autofree char *path = gp_window_peer_state_path ();
  GpSessionView *view = gp_window_new_session_view (self);

  /* Replacing the join page disposes it: the peer now belongs to the view, which keeps
   * its place should Guidepost stop. */
  gp_session_view_show_remote (view, keep);
  gp_session_view_keep_remote_state (view, path);
  g_clear_object (&self->rejoin_peer);
  gp_window_refresh_rejoin (self);
  on_session_changed (self);
  gp_window_show_session_page (self);
}

/* The row that brings a customer or trainee back into the agent's session after
 * Guidepost stopped while they followed it; a saved place that cannot be read says why. */
void
gp_window_refresh_rejoin (GpWindow *self)
{
  g_autofree char *path = gp_window_peer_state_path ();
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  GpSessionView *view = self->session_view;

  /* Followed right now in this window: nothing to come back to. */
  if (view != NULL && gp_session_view_get_remote (view) != NULL)
    g_clear_object (&self->rejoin_peer);
  else if (self->rejoin_peer == NULL && g_file_test (path, G_FILE_TEST_EXISTS))
    self->rejoin_peer = gp_cobrowse_peer_new_from_state_file (path, &error);

  if (self->rejoin_peer != NULL)
    {
      GpSession *mirror = gp_cobrowse_peer_get_session (self->rejoin_peer);

      /* Translators: %s is the title of the flow of the session the person followed */
      subtitle = g_strdup_printf (_("Guidepost stopped while you were following “%s”"),
                                  gp_flow_get_title (gp_session_get_flow (mirror)));
    }
  else if (error != NULL)
    /* Translators: %s says why, naming the file */
    subtitle = g_strdup_printf (_("The place that was kept cannot be used: %s"), error->message);

  adw_action_row_set_subtitle (self->rejoin_row, subtitle != NULL ? subtitle : "");
  gtk_widget_set_visible (GTK_WIDGET (self->rejoin_row), subtitle != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rejoin-session", self->rejoin_peer != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forget-rejoin", subtitle != NULL);
}

static void
forget_rejoin (GpWindow *self)
{
  g_autofree char *path = gp_window_peer_state_path ();

  g_clear_object (&self->rejoin_peer);
  if (g_unlink (path) != 0 && errno != ENOENT)
    g_debug ("Cannot remove %s: %s", path, g_strerror (errno));
  gp_window_refresh_rejoin (self);
}

/* Refused (the agent let the place go) or closed: the place is of no more use. */
static void
on_rejoin_state (GpWindow       *self,
                 GParamSpec     *pspec,
                 GpCobrowsePeer *peer)
{
  if (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CLOSED)
    {
      g_signal_handlers_disconnect_by_func (peer, on_rejoin_state, self);
      forget_rejoin (self);
    }
  else if (gp_cobrowse_peer_get_state (peer) == GP_COBROWSE_PEER_STATE_CONNECTED)
    g_signal_handlers_disconnect_by_func (peer, on_rejoin_state, self);
}

static void
gp_window_rejoin_session (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  g_autoptr(GpCobrowsePeer) peer = g_steal_pointer (&self->rejoin_peer);
  GtkWidget *page;

  if (peer == NULL)
    return;
  page = gp_window_show_join_page (self);
  g_signal_connect_object (peer, "notify::state", G_CALLBACK (on_rejoin_state), self, G_CONNECT_SWAPPED);
  gp_join_page_resume (GP_JOIN_PAGE (page), peer);
  gp_window_refresh_rejoin (self);
}

static void
gp_window_forget_rejoin (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  forget_rejoin (GP_WINDOW (widget));
}

GtkWidget *
gp_window_show_join_page (GpWindow *self)
{
  GtkWidget *page;

  g_return_val_if_fail (GP_IS_WINDOW (self), NULL);

  page = gp_join_page_new ();
  gp_window_drop_session_view (self);
  adw_bin_set_child (self->session_bin, page);
  adw_window_title_set_title (self->session_title, _("Join a Session"));
  g_signal_connect_object (page, "joined", G_CALLBACK (on_joined), self, G_CONNECT_SWAPPED);
  gp_window_show_session_page (self);
  return page;
}

static void
gp_window_join_session (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  GtkWidget *page = gp_window_show_join_page (self);

  gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

/* Hand-off codes. */

static void
gp_window_set_handoff_error (GpWindow   *self,
                             const char *message)
{
  gtk_label_set_label (self->handoff_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->handoff_error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->handoff_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->handoff_row), "error");
}

/* What the person at the keyboard can do about it, in their words. */
static char *
describe_handoff_error (const char   *code,
                        const GError *error)
{
  if (error->domain == GP_HANDOFF_ERROR)
    {
      switch ((GpHandoffError) error->code)
        {
        case GP_HANDOFF_ERROR_INVALID_CODE:
          /* Translators: %s is what was typed as a hand-off code */
          return g_strdup_printf (_("“%s” is not a hand-off code. A code has eight letters and "
                                    "digits, such as 7KQM-2XHD: ask the customer to read it again."),
                                  code);
        case GP_HANDOFF_ERROR_UNKNOWN_CODE:
          /* Translators: %s is a hand-off code */
          return g_strdup_printf (_("No session was handed off with the code %s. Check the code "
                                    "with the customer: it is shown after they press “I need help”."),
                                  code);
        case GP_HANDOFF_ERROR_ALREADY_HANDED_OFF:
          return g_strdup (_("This session was already handed off to an agent. It is in the "
                             "Continue list."));
        case GP_HANDOFF_ERROR_FLOW_UNAVAILABLE:
          /* Translators: %s says which flow is missing */
          return g_strdup_printf (_("The flow of this session is not in the library: %s"), error->message);
        case GP_HANDOFF_ERROR_NOT_IN_JOURNAL:
        case GP_HANDOFF_ERROR_NOT_REQUESTED:
        case GP_HANDOFF_ERROR_INVALID_FILE:
        default:
          break;
        }
    }

  return g_strdup (error->message);
}

gboolean
gp_window_open_handoff (GpWindow    *self,
                        const char  *code,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GpSession) session = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  typed = g_strstrip (g_strdup (code));

  if (*typed == '\0')
    {
      g_set_error (&local_error, GP_HANDOFF_ERROR, GP_HANDOFF_ERROR_INVALID_CODE,
                   _("No hand-off code was given"));
      gp_window_set_handoff_error (self, _("Type the code the customer reads out, such as 7KQM-2XHD."));
    }
  else if (self->journal == NULL)
    {
      g_set_error (&local_error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO,
                   _("The journal could not be opened"));
      gp_window_set_handoff_error (self, local_error->message);
    }
  else
    {
      g_autofree char *normalized = gp_handoff_code_normalize (typed);

      session = gp_handoff_open (self->journal, self->library, typed, &local_error);
      if (session == NULL)
        {
          /* The code as the customer reads it, when it is one. */
          message = describe_handoff_error (normalized != NULL ? normalized : typed, local_error);
          gp_window_set_handoff_error (self, message);
        }
    }

  if (session == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gp_window_set_handoff_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->handoff_row), "");
  gp_window_show_existing_session (self, session);
  return TRUE;
}

gboolean
gp_window_open_handoff_file (GpWindow  *self,
                             GFile     *file,
                             GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GpSession) session = NULL;

  g_return_val_if_fail (GP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->journal == NULL)
    g_set_error (&local_error, GP_JOURNAL_ERROR, GP_JOURNAL_ERROR_IO,
                 _("The journal could not be opened"));
  else
    session = gp_handoff_open_file (file, self->library, self->journal, &local_error);

  if (session == NULL)
    {
      /* The loader's message names the file and the field that is wrong. */
      gp_window_set_handoff_error (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  gp_window_set_handoff_error (self, NULL);
  gp_window_show_existing_session (self, session);
  return TRUE;
}

static void
on_handoff_chooser_response (GpWindow        *self,
                             int              response,
                             GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gp_window_open_handoff_file (self, file, NULL);
    }
  g_clear_object (&self->handoff_chooser);
}

static void
gp_window_choose_handoff_file (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->handoff_chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Guidepost session files"));
  gtk_file_filter_add_pattern (filter, "*.json");
  self->handoff_chooser = gtk_file_chooser_native_new (_("Open a Hand-off File"), GTK_WINDOW (self),
                                                       GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->handoff_chooser), filter);
  g_signal_connect_object (self->handoff_chooser, "response",
                           G_CALLBACK (on_handoff_chooser_response), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->handoff_chooser));
}

static void
gp_window_open_handoff_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  gp_window_open_handoff (self, gtk_editable_get_text (GTK_EDITABLE (self->handoff_row)), NULL);
}

static void
on_handoff_activated (GpWindow *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-handoff", NULL);
}

static void
on_handoff_changed (GpWindow *self)
{
  /* The error was about what was typed before. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->handoff_error_label)))
    gp_window_set_handoff_error (self, NULL);
}

static void
gp_window_focus_handoff (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpWindow *self = GP_WINDOW (widget);

  if (!gtk_widget_get_visible (self->handoff_group))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gp_window_show_library (self);
  gp_window_update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->handoff_row));
}

/* The Continue and Recent lists. */

/* Where an unfinished session stopped: replaying its events tells. */
static char *
describe_step_reached (GpWindow         *self,
                       GpJournalSession *listed)
{
  GpFlow *flow = gp_flow_library_lookup (self->library, gp_journal_session_get_flow_id (listed));
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GpSession) session = NULL;
  GpStep *step;

  if (flow == NULL)
    return NULL;
  events = gp_journal_load_events (self->journal, gp_journal_session_get_id (listed), NULL);
  if (events == NULL)
    return NULL;
  session = gp_session_new_from_events (flow, events, NULL);
  if (session == NULL)
    return NULL;
  step = gp_session_get_current_step (session);
  return step != NULL ? g_strdup (gp_step_get_title (step)) : NULL;
}

void
gp_window_refresh_sessions (GpWindow *self)
{
  g_autoptr(GPtrArray) unfinished = NULL;
  guint n_sessions;
  guint n_recent = 0;

  g_return_if_fail (GP_IS_WINDOW (self));

  gp_list_box_remove_all (self->continue_list);
  gp_list_box_remove_all (self->recent_list);

  if (self->journal != NULL)
    {
      unfinished = gp_journal_list_unfinished (self->journal);
      for (guint i = 0; unfinished != NULL && i < unfinished->len && i < MAX_CONTINUE_ROWS; i++)
        {
          GpJournalSession *listed = unfinished->pdata[i];
          g_autofree char *step_title = describe_step_reached (self, listed);

          gtk_list_box_append (self->continue_list,
                               gp_journal_row_new (listed, self->library, GP_JOURNAL_ROW_CONTINUE, step_title));
        }

      n_sessions = g_list_model_get_n_items (G_LIST_MODEL (self->journal));
      for (guint i = 0; i < n_sessions && n_recent < MAX_RECENT_ROWS; i++)
        {
          g_autoptr(GpJournalSession) listed = g_list_model_get_item (G_LIST_MODEL (self->journal), i);

          if (!gp_journal_session_get_ended (listed))
            continue;
          gtk_list_box_append (self->recent_list,
                               gp_journal_row_new (listed, self->library, GP_JOURNAL_ROW_RECENT, NULL));
          n_recent++;
        }
    }

  gp_window_refresh_rejoin (self);
  gp_window_update_page (self);
}

/* Brings the back action and key capture in line with the page the leaflet shows. */
void
gp_window_sync_leaflet (GpWindow *self)
{
  on_leaflet_changed (self);
  on_session_changed (self);
}

void
gp_window_sessions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_flow_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_continue_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_handoff_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_handoff_changed);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, gp_window_back);
  gtk_widget_class_install_action (widget_class, "win.show-sessions", NULL, gp_window_show_sessions);
  gtk_widget_class_install_action (widget_class, "win.open-handoff", NULL, gp_window_open_handoff_action);
  gtk_widget_class_install_action (widget_class, "win.open-handoff-file", NULL, gp_window_choose_handoff_file);
  gtk_widget_class_install_action (widget_class, "win.focus-handoff", NULL, gp_window_focus_handoff);
  gtk_widget_class_install_action (widget_class, "win.share-session", NULL, gp_window_share_session);
  gtk_widget_class_install_action (widget_class, "win.stop-sharing", NULL, gp_window_stop_sharing);
  gtk_widget_class_install_action (widget_class, "win.join-session", NULL, gp_window_join_session);
  gtk_widget_class_install_action (widget_class, "win.rejoin-session", NULL, gp_window_rejoin_session);
  gtk_widget_class_install_action (widget_class, "win.forget-rejoin", NULL, gp_window_forget_rejoin);
  gtk_widget_class_install_action (widget_class, "win.practice", NULL, gp_window_practice);
}
