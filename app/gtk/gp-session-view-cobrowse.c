/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "gp-session-view-private.h"
#include "gp-share-window.h"

/* Co-browse in the session view: hosting the shown session (the agent's side), or showing
 * a host's session through a GpCobrowsePeer (remote: the view's actions become requests,
 * the host decides, refusals come back as toasts). */

static const char *
role_text (GpCobrowseRole role)
{
  switch (role)
    {
    case GP_COBROWSE_ROLE_AGENT: return _("agent");
    case GP_COBROWSE_ROLE_TRAINER: return _("trainer");
    case GP_COBROWSE_ROLE_OBSERVER: return _("observer");
    case GP_COBROWSE_ROLE_CUSTOMER:
    default: return _("customer");
    }
}

static const char *
peer_name (GpCobrowsePeerInfo *info)
{
  const char *name = gp_cobrowse_peer_info_get_name (info);

  return name != NULL && *name != '\0' ? name : _("Someone");
}

/* Which side this view acts for: the agent's (host, remote agent or trainer) or the customer's. */
static GpActor
own_side (GpSessionView *self)
{
  if (self->remote != NULL && gp_cobrowse_peer_get_role (self->remote) == GP_COBROWSE_ROLE_CUSTOMER)
    return GP_ACTOR_CUSTOMER;
  return GP_ACTOR_AGENT;
}

static gboolean
can_point (GpSessionView *self)
{
  if (self->host != NULL)
    return TRUE;
  return self->remote != NULL &&
         (gp_cobrowse_peer_get_role (self->remote) == GP_COBROWSE_ROLE_AGENT ||
          gp_cobrowse_peer_get_role (self->remote) == GP_COBROWSE_ROLE_TRAINER);
}

gboolean
gp_session_view_remote_allows (GpSessionView *self,
                               const char    *action)
{
  static const char * const customer[] = {
    "session.next", "session.back", "session.choose", "session.hint", "session.something-wrong",
    "session.report-failure", "session.accept-offer", "session.decline-offer", NULL
  };
  static const char * const agent[] = {
    "session.why", "session.pass-check", "session.fail-check", "session.take-recovery", NULL
  };
  GpCobrowseRole role;

  if (self->remote == NULL)
    return TRUE;
  if (gp_cobrowse_peer_get_state (self->remote) == GP_COBROWSE_PEER_STATE_CLOSED)
    return FALSE;
  role = gp_cobrowse_peer_get_role (self->remote);
  if (role == GP_COBROWSE_ROLE_OBSERVER)
    return FALSE;
  if (g_strv_contains (customer, action))
    return TRUE;
  return role != GP_COBROWSE_ROLE_CUSTOMER && g_strv_contains (agent, action);
}

void
gp_session_view_update_cobrowse (GpSessionView *self)
{
  GpSession *session = self->session;
  gboolean shown = session != NULL && (self->host != NULL || self->remote != NULL);
  gboolean open = shown && !gp_session_get_ended (session);
  g_autofree char *text = NULL;
  g_autofree char *driving = NULL;
  const char *trainee;
  gboolean classroom;
  GpActor driver;

  gtk_revealer_set_reveal_child (self->cobrowse_revealer, shown);
  gtk_widget_set_visible (GTK_WIDGET (self->cobrowse_revealer), shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.share", session != NULL && self->remote == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.stop-sharing", self->host != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.point", open && can_point (self));
  if (!shown)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.take-over", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.hand-back", FALSE);
      return;
    }

  driver = gp_session_get_driver (session);
  trainee = gp_session_get_driving_trainee (session);
  classroom = gp_session_get_mode (session) == GP_SESSION_MODE_TRAINING;
  if (classroom && self->remote != NULL)
    /* A trainee: the trainer drives until handing the driving to one of the trainees. */
    driving = gp_cobrowse_peer_get_role (self->remote) == GP_COBROWSE_ROLE_AGENT ? g_strdup (_("You drive"))
            : trainee != NULL ? g_strdup_printf (_("%s drives"), trainee)
            : g_strdup (_("The trainer drives"));
  else if (classroom && trainee != NULL)
    /* Translators: %s is a trainee's name */
    driving = g_strdup_printf (_("%s drives"), trainee);
  else if (self->remote != NULL && own_side (self) == GP_ACTOR_CUSTOMER)
    driving = g_strdup (driver == GP_ACTOR_CUSTOMER ? _("You drive") : _("The agent drives"));
  else
    driving = g_strdup (driver == GP_ACTOR_CUSTOMER ? _("The customer drives") : _("You drive"));

  if (self->host != NULL)
    {
      guint n = g_list_model_get_n_items (gp_cobrowse_host_get_peers (self->host));

      if (n == 0)
        /* Translators: the co-browse bar while nobody has joined yet */
        text = g_strdup_printf (_("Sharing · nobody has joined yet · %s"), driving);
      else
        /* Translators: the co-browse bar: number of people joined, then who drives */
        text = g_strdup_printf (ngettext ("Sharing · %u person joined · %s", "Sharing · %u people joined · %s", n),
                                n, driving);
    }
  else if (classroom)
    /* Translators: the co-browse bar of a trainee following the trainer's session */
    text = g_strdup_printf (_("Following the trainer’s session · %s"), driving);
  else
    /* Translators: the co-browse bar of a person who joined an agent's session */
    text = g_strdup_printf (_("Joined the agent’s session · %s"), driving);
  gtk_label_set_label (self->cobrowse_label, text);

  gtk_widget_set_visible (GTK_WIDGET (self->point_button), can_point (self));
  if (!can_point (self) && gtk_toggle_button_get_active (self->point_button))
    gtk_toggle_button_set_active (self->point_button, FALSE);
  gtk_widget_set_visible (self->share_button, self->host != NULL);

  /* Take Over / Hand Back is between agent and customer; a classroom has the trainer
   * hand the driving to trainees instead (the share window). */
  gtk_widget_set_visible (self->driver_button,
                          self->remote == NULL ? !classroom
                                               : gp_cobrowse_peer_get_role (self->remote) != GP_COBROWSE_ROLE_OBSERVER && !classroom);
  if (driver == own_side (self))
    {
      gtk_button_set_label (GTK_BUTTON (self->driver_button), _("_Hand Back"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->driver_button), "session.hand-back");
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->driver_button), _("_Take Over"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->driver_button), "session.take-over");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.take-over", open && driver != own_side (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.hand-back", open && driver == own_side (self));
}

/* Dialogs: knocks and consent questions, several may be open at once. */

static void
on_cobrowse_dialog_destroy (GtkWidget     *dialog,
                            GpSessionView *self)
{
  if (self->cobrowse_dialogs != NULL)
    g_hash_table_remove (self->cobrowse_dialogs, dialog);
}

static void
present_cobrowse_dialog (GpSessionView *self,
                         GtkWidget     *dialog)
{
  if (self->cobrowse_dialogs == NULL)
    self->cobrowse_dialogs = g_hash_table_new (NULL, NULL);
  g_hash_table_add (self->cobrowse_dialogs, dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (on_cobrowse_dialog_destroy), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
close_cobrowse_dialogs (GpSessionView *self,
                        gpointer       about)
{
  g_autoptr(GPtrArray) dialogs = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer dialog;

  if (self->cobrowse_dialogs == NULL)
    return;
  g_hash_table_iter_init (&iter, self->cobrowse_dialogs);
  while (g_hash_table_iter_next (&iter, &dialog, NULL))
    if (about == NULL || g_object_get_data (G_OBJECT (dialog), "gp-about") == about)
      g_ptr_array_add (dialogs, dialog);
  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (GTK_WINDOW (dialogs->pdata[i]));
}

static void
on_knock_response (AdwMessageDialog *dialog,
                   const char       *response,
                   GpSessionView    *self)
{
  GpCobrowsePeerInfo *info = g_object_get_data (G_OBJECT (dialog), "gp-about");

  if (self->host == NULL || info == NULL)
    return;
  gp_cobrowse_host_answer_knock (self->host, info, g_strcmp0 (response, "admit") == 0);
}

static void
on_peer_knocking (GpSessionView      *self,
                  GpCobrowsePeerInfo *info)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: "Alex wants to join as customer" */
  heading = g_strdup_printf (_("%s wants to join as %s"), peer_name (info), role_text (gp_cobrowse_peer_info_get_role (info)));
  if (gp_cobrowse_peer_info_get_role (info) == GP_COBROWSE_ROLE_CUSTOMER)
    /* Translators: %s is a network address */
    body = g_strdup_printf (_("From %s, with the right code. They will see the steps of this session, "
                              "without talk tracks or notes, and can move through them while they drive."),
                            gp_cobrowse_peer_info_get_address (info));
  else
    body = g_strdup_printf (_("From %s, with the right code. They will see this whole session."),
                            gp_cobrowse_peer_info_get_address (info));
  dialog = adw_message_dialog_new (gp_session_view_parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "refuse", _("_Refuse"), "admit", _("_Admit"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "admit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "admit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "refuse");
  g_object_set_data_full (G_OBJECT (dialog), "gp-about", g_object_ref (info), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "gp-kind", (gpointer) "knock");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_knock_response), self, 0);
  present_cobrowse_dialog (self, dialog);
}

static void
on_peer_left (GpSessionView      *self,
              GpCobrowsePeerInfo *info)
{
  close_cobrowse_dialogs (self, info);
}

static void
on_consent_response (AdwMessageDialog *dialog,
                     const char       *response,
                     GpSessionView    *self)
{
  guint id = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "gp-consent-id"));
  gboolean granted = g_strcmp0 (response, "allow") == 0;

  if (self->host != NULL)
    gp_cobrowse_host_answer_consent (self->host, id, granted);
  else if (self->remote != NULL)
    gp_cobrowse_peer_answer_consent (self->remote, id, granted);
}

static void
ask_consent (GpSessionView *self,
             guint          id,
             const char    *action,
             const char    *from)
{
  g_autofree char *heading = NULL;
  const char *body;
  GtkWidget *dialog;

  if (g_strcmp0 (action, "take-over") == 0)
    {
      /* Translators: %s is who asks: a name, "the agent" or "the customer" */
      heading = g_strdup_printf (_("%s asks to take over"), from);
      body = _("They will move through the steps; you follow along and can ask to drive again.");
    }
  else
    {
      heading = g_strdup_printf (_("%s asks you to drive"), from);
      body = _("You will move through the steps; they follow along.");
    }
  dialog = adw_message_dialog_new (gp_session_view_parent_window (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "decline", _("_Decline"), "allow", _("_Allow"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "allow", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "decline");
  g_object_set_data (G_OBJECT (dialog), "gp-consent-id", GUINT_TO_POINTER (id));
  g_object_set_data (G_OBJECT (dialog), "gp-kind", (gpointer) "consent");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_consent_response), self, 0);
  present_cobrowse_dialog (self, dialog);
}

static void
on_host_consent_requested (GpSessionView      *self,
                           guint               id,
                           const char         *action,
                           GpCobrowsePeerInfo *from)
{
  ask_consent (self, id, action, peer_name (from));
}

static void
on_remote_consent_requested (GpSessionView *self,
                             guint          id,
                             const char    *action,
                             const char    *from)
{
  ask_consent (self, id, action,
               g_strcmp0 (from, "customer") == 0 ? _("The customer") : _("The agent"));
}

static void
on_consent_answered (GpSessionView *self,
                     const char    *action,
                     gboolean       granted)
{
  if (!granted)
    gp_session_view_toast (self, _("The customer said no"));
  else if (g_strcmp0 (action, "take-over") == 0)
    gp_session_view_toast (self, _("You drive now"));
  else
    gp_session_view_toast (self, _("The customer drives now"));
}

static void
on_pointer (GpSessionView *self,
            const char    *step_id,
            const char    *element_id)
{
  gp_step_view_set_pointed (self->step_view, step_id, element_id);
}

static void
on_host_pointer (GpSessionView      *self,
                 const char         *step_id,
                 const char         *element_id,
                 GpCobrowsePeerInfo *from)
{
  on_pointer (self, step_id, element_id);
}

/* Requests (remote) */

static void
request_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GWeakRef *ref = user_data;
  g_autoptr(GpSessionView) self = g_weak_ref_get (ref);
  g_autoptr(GError) error = NULL;

  g_weak_ref_clear (ref);
  g_free (ref);
  if (!gp_cobrowse_peer_request_finish (GP_COBROWSE_PEER (source), result, &error) && self != NULL)
    {
      g_debug ("Request refused: %s", error->message);
      /* The host's messages are for logs; the two everyday refusals get plain words. */
      if (g_error_matches (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NOT_DRIVING))
        gp_session_view_toast (self, _("The agent is driving now: ask them to hand back"));
      else if (g_error_matches (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FORBIDDEN))
        gp_session_view_toast (self, _("Only the agent can do that"));
      else
        gp_session_view_toast (self, error->message);
    }
}

void
gp_session_view_request (GpSessionView *self,
                         const char    *action,
                         JsonObject    *args)
{
  g_autoptr(JsonObject) owned = args;
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_return_if_fail (self->remote != NULL);

  g_weak_ref_init (ref, self);
  gp_cobrowse_peer_request (self->remote, action, owned, NULL, request_done, ref);
}

/* The connection, as the peer sees it. */
/* Left for good, or nothing more to follow: there is no place to come back to. */
static void
forget_remote_state (GpSessionView *self)
{
  if (self->remote_state_path == NULL)
    return;
  if (g_unlink (self->remote_state_path) != 0 && errno != ENOENT)
    g_debug ("Cannot remove %s: %s", self->remote_state_path, g_strerror (errno));
  g_clear_pointer (&self->remote_state_path, g_free);
}

/* The peer's place, kept after every event while it may come back. */
static void
save_remote_state (GpSessionView *self)
{
  g_autoptr(GError) error = NULL;
  GpSession *mirror;

  if (self->remote_state_path == NULL || self->remote == NULL)
    return;
  mirror = gp_cobrowse_peer_get_session (self->remote);
  if (gp_cobrowse_peer_get_state (self->remote) == GP_COBROWSE_PEER_STATE_CLOSED ||
      (mirror != NULL && gp_session_get_ended (mirror)))
    {
      forget_remote_state (self);
      return;
    }
  if (mirror == NULL || gp_cobrowse_peer_get_state (self->remote) != GP_COBROWSE_PEER_STATE_CONNECTED)
    return;
  if (!gp_cobrowse_peer_save_state_file (self->remote, self->remote_state_path, &error) &&
      !self->remote_state_failed)
    {
      /* Said once: following goes on, only coming back after a crash is lost. */
      self->remote_state_failed = TRUE;
      g_prefix_error (&error, _("Your place in the session cannot be kept in case Guidepost stops: "));
      gp_session_view_report (self, error);
    }
}

void
gp_session_view_keep_remote_state (GpSessionView *self,
                                   const char    *path)
{
  g_autofree char *dir = NULL;

  g_return_if_fail (GP_IS_SESSION_VIEW (self));
  g_return_if_fail (self->remote != NULL);

  g_free (self->remote_state_path);
  self->remote_state_path = g_strdup (path);
  self->remote_state_failed = FALSE;
  if (path == NULL)
    return;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    g_debug ("Cannot make %s: %s", dir, g_strerror (errno));
  g_signal_connect_object (gp_cobrowse_peer_get_session (self->remote), "event-applied",
                           G_CALLBACK (save_remote_state), self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  save_remote_state (self);
}

static void
on_remote_state (GpSessionView *self)
{
  GpCobrowsePeerState state = gp_cobrowse_peer_get_state (self->remote);
  const GError *error = gp_cobrowse_peer_get_close_error (self->remote);
  GtkWidget *label = GTK_WIDGET (self->connection_label);

  switch (state)
    {
    case GP_COBROWSE_PEER_STATE_RECONNECTING:
      gtk_label_set_label (self->connection_label, _("Reconnecting…"));
      gtk_widget_remove_css_class (label, "error");
      gtk_revealer_set_reveal_child (self->connection_revealer, TRUE);
      break;
    case GP_COBROWSE_PEER_STATE_CLOSED:
      {
        g_autofree char *text = NULL;

        if (error != NULL)
          /* Translators: %s says why, e.g. "the host ended co-browsing" */
          text = g_strdup_printf (_("The connection to the agent has ended: %s"), error->message);
        else
          text = g_strdup (_("The connection to the agent has ended"));
        gtk_label_set_label (self->connection_label, text);
        gtk_widget_add_css_class (label, "error");
        gtk_revealer_set_reveal_child (self->connection_revealer, TRUE);
        close_cobrowse_dialogs (self, NULL);
      }
      break;
    case GP_COBROWSE_PEER_STATE_CONNECTING:
    case GP_COBROWSE_PEER_STATE_WAITING:
    case GP_COBROWSE_PEER_STATE_CONNECTED:
    default:
      gtk_revealer_set_reveal_child (self->connection_revealer, FALSE);
      break;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->connection_revealer),
                          gtk_revealer_get_reveal_child (self->connection_revealer));
  save_remote_state (self);
  gp_session_view_update (self);
}

static void
on_host_peers_changed (GpSessionView *self)
{
  gp_session_view_update_cobrowse (self);
}

/* A customer's request on the host moved the session: the offers of the step it
 * entered are made as after the agent's own actions. */
static gboolean
present_after_remote (gpointer user_data)
{
  GpSessionView *self = user_data;

  if (self->host != NULL)
    gp_session_view_present_entered (self);
  return G_SOURCE_REMOVE;
}

static void
on_host_event (GpSessionView *self,
               GpEvent       *event)
{
  if (gp_event_get_event_type (event) == GP_EVENT_STEP_ENTERED)
    g_idle_add_full (G_PRIORITY_DEFAULT, present_after_remote, g_object_ref (self), g_object_unref);
}

/* Undoes gp_session_view_share(): the handlers it connected, then the host itself. */
static void
close_host (GpSessionView *self)
{
  g_signal_handlers_disconnect_by_data (gp_cobrowse_host_get_peers (self->host), self);
  g_signal_handlers_disconnect_by_data (self->host, self);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, on_host_event, self);
  gp_cobrowse_host_close (self->host);
  g_clear_object (&self->host);
}

/* Public API */

gboolean
gp_session_view_share (GpSessionView  *self,
                       const char     *address,
                       guint           port,
                       GError        **error)
{
  g_autoptr(GpCobrowseHost) host = NULL;

  g_return_val_if_fail (GP_IS_SESSION_VIEW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->host != NULL)
    return TRUE;
  if (self->session == NULL || self->remote != NULL)
    {
      g_set_error (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_FAILED, _("There is no session of yours to share"));
      return FALSE;
    }

  host = gp_cobrowse_host_new (self->session);
  if (!gp_cobrowse_host_listen (host, address, port, error))
    return FALSE;
  gp_cobrowse_host_new_code (host);

  self->host = g_steal_pointer (&host);
  g_signal_connect_object (self->host, "peer-knocking", G_CALLBACK (on_peer_knocking), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->host, "peer-left", G_CALLBACK (on_peer_left), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->host, "consent-requested", G_CALLBACK (on_host_consent_requested), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->host, "consent-answered", G_CALLBACK (on_consent_answered), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->host, "pointer", G_CALLBACK (on_host_pointer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gp_cobrowse_host_get_peers (self->host), "items-changed",
                           G_CALLBACK (on_host_peers_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "event-applied", G_CALLBACK (on_host_event), self, G_CONNECT_SWAPPED);
  gp_session_view_update (self);
  gp_session_view_notify_sharing (self);
  return TRUE;
}

GpCobrowseHost *
gp_session_view_get_host (GpSessionView *self)
{
  g_return_val_if_fail (GP_IS_SESSION_VIEW (self), NULL);

  return self->host;
}

void
gp_session_view_stop_sharing (GpSessionView *self)
{
  g_return_if_fail (GP_IS_SESSION_VIEW (self));

  if (self->host == NULL)
    return;
  close_cobrowse_dialogs (self, NULL);
  close_host (self);
  gtk_toggle_button_set_active (self->point_button, FALSE);
  gp_step_view_set_pointed (self->step_view, NULL, NULL);
  gp_session_view_update (self);
  gp_session_view_notify_sharing (self);
}

void
gp_session_view_show_remote (GpSessionView  *self,
                             GpCobrowsePeer *peer)
{
  GpSession *mirror;
  GpCobrowseRole role;

  g_return_if_fail (GP_IS_SESSION_VIEW (self));
  g_return_if_fail (GP_IS_COBROWSE_PEER (peer));
  g_return_if_fail (self->remote == NULL && self->host == NULL);
  mirror = gp_cobrowse_peer_get_session (peer);
  g_return_if_fail (GP_IS_SESSION (mirror));

  role = gp_cobrowse_peer_get_role (peer);
  /* An observer is a trainee learning the agent's side: it sees the agent's view, but
   * never the trainer's fault console. */
  if (role == GP_COBROWSE_ROLE_CUSTOMER)
    g_object_set_data (G_OBJECT (mirror), GP_SESSION_VIEW_CUSTOMER_KEY, GINT_TO_POINTER (TRUE));
  else if (role == GP_COBROWSE_ROLE_OBSERVER)
    g_object_set_data (G_OBJECT (mirror), GP_SESSION_VIEW_TRAINEE_KEY, GINT_TO_POINTER (TRUE));

  self->remote = g_object_ref (peer);
  g_signal_connect_object (peer, "notify::state", G_CALLBACK (on_remote_state), self, G_CONNECT_SWAPPED);
  /* A classroom trainee handed the driving acts as the agent, and back. */
  g_signal_connect_object (peer, "notify::role", G_CALLBACK (gp_session_view_update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (peer, "pointer", G_CALLBACK (on_pointer), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (peer, "consent-requested", G_CALLBACK (on_remote_consent_requested), self,
                           G_CONNECT_SWAPPED);
  gp_session_view_show_session (self, mirror);
  on_remote_state (self);
}

GpCobrowsePeer *
gp_session_view_get_remote (GpSessionView *self)
{
  g_return_val_if_fail (GP_IS_SESSION_VIEW (self), NULL);

  return self->remote;
}

/* Actions */

static void
share_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  GtkWidget *window;

  if (self->session == NULL || self->remote != NULL)
    return;
  if (self->share_window != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->share_window));
      return;
    }
  window = gp_share_window_new (self);
  gtk_window_set_transient_for (GTK_WINDOW (window), gp_session_view_parent_window (self));
  g_set_weak_pointer (&self->share_window, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
stop_sharing_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);

  gp_session_view_stop_sharing (self);
  if (self->share_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->share_window));
  gp_session_view_toast (self, _("Sharing stopped"));
}

static void
change_driver (GpSessionView *self,
               const char    *action)
{
  g_autoptr(GError) error = NULL;

  if (self->remote != NULL)
    gp_session_view_request (self, action, NULL);
  else if (self->host != NULL && !gp_cobrowse_host_perform (self->host, action, NULL, &error))
    gp_session_view_toast (self, error->message);
  else if (self->host != NULL)
    gp_session_view_toast (self, _("Waiting for the customer to agree…"));
}

static void
take_over_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  change_driver (GP_SESSION_VIEW (widget), "take-over");
}

static void
hand_back_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  change_driver (GP_SESSION_VIEW (widget), "hand-back");
}

static void
point_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GpSessionView *self = GP_SESSION_VIEW (widget);
  const char *element = g_variant_get_string (parameter, NULL);
  g_autoptr(JsonObject) args = json_object_new ();
  g_autoptr(GError) error = NULL;
  GpStep *step;

  if (self->session == NULL || (step = gp_session_get_current_step (self->session)) == NULL)
    return;
  json_object_set_string_member (args, "element", element);
  if (self->remote != NULL)
    gp_session_view_request (self, "point", json_object_ref (args));
  else if (self->host != NULL && !gp_cobrowse_host_perform (self->host, "point", args, &error))
    {
      gp_session_view_toast (self, error->message);
      return;
    }
  /* The agent sees what the customer sees. */
  gp_step_view_set_pointed (self->step_view, gp_step_get_id (step), element);
}

static void
on_point_toggled (GpSessionView   *self,
                  GtkToggleButton *button)
{
  gp_step_view_set_pointing (self->step_view, gtk_toggle_button_get_active (button));
}

void
gp_session_view_cobrowse_dispose (GpSessionView *self)
{
  close_cobrowse_dialogs (self, NULL);
  g_clear_pointer (&self->cobrowse_dialogs, g_hash_table_unref);
  if (self->share_window != NULL)
    gtk_window_destroy (GTK_WINDOW (self->share_window));
  g_clear_weak_pointer (&self->share_window);
  if (self->host != NULL)
    close_host (self);
  if (self->remote != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->remote, self);
      /* The view was the peer's only face: leaving it leaves the session, and the place
       * kept for coming back. */
      gp_cobrowse_peer_close (self->remote);
      g_clear_object (&self->remote);
    }
  forget_remote_state (self);
}

void
gp_session_view_cobrowse_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_point_toggled);

  gtk_widget_class_install_action (widget_class, "session.share", NULL, share_activated);
  gtk_widget_class_install_action (widget_class, "session.stop-sharing", NULL, stop_sharing_activated);
  gtk_widget_class_install_action (widget_class, "session.take-over", NULL, take_over_activated);
  gtk_widget_class_install_action (widget_class, "session.hand-back", NULL, hand_back_activated);
  gtk_widget_class_install_action (widget_class, "session.point", "s", point_activated);
}
