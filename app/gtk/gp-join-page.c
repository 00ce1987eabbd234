/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gi18n.h>

#include "gp-join-page.h"

struct _GpJoinPage
{
  AdwBin          parent_instance;

  GpCobrowsePeer *peer;

  GtkStack       *stack;
  AdwEntryRow    *address_row;
  AdwEntryRow    *code_row;
  AdwEntryRow    *name_row;
  GtkSwitch      *trainee_switch;
  GtkLabel       *error_label;
  GtkSpinner     *spinner;
  GtkLabel       *waiting_label;
  /* Coming back with a saved place rather than a code. */
  gboolean        resuming;
};

G_DEFINE_FINAL_TYPE (GpJoinPage, gp_join_page, ADW_TYPE_BIN)

enum {
  JOINED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "192.168.1.5:4000" is what people read out: make it the host's full address. */
static char *
complete_address (const char *typed)
{
  g_autofree char *text = g_strstrip (g_strdup (typed));
  g_autofree char *with_scheme = NULL;
  const char *rest;

  if (*text == '\0')
    return NULL;
  with_scheme = strstr (text, "://") != NULL ? g_strdup (text) : g_strconcat ("ws://", text, NULL);
  rest = strstr (with_scheme, "://") + 3;
  if (strchr (rest, '/') == NULL)
    return g_strconcat (with_scheme, GP_COBROWSE_PATH, NULL);
  return g_steal_pointer (&with_scheme);
}

/* Spaces and the dash of "ABCD-EFGH" are only for reading out. */
static char *
complete_code (const char *typed)
{
  GString *code = g_string_new (NULL);

  for (const char *p = typed; *p != '\0'; p++)
    if (*p != ' ' && *p != '-')
      g_string_append_c (code, g_ascii_toupper (*p));
  return g_string_free (code, FALSE);
}

static void
set_error (GpJoinPage *self,
           const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
drop_peer (GpJoinPage *self)
{
  if (self->peer == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->peer, self);
  g_clear_object (&self->peer);
}

static void
show_form (GpJoinPage *self)
{
  gtk_spinner_stop (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.join", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.cancel", FALSE);
}

/* In the customer's words: what happened and what to do. */
static char *
describe_close (const GError *error,
                gboolean      resuming)
{
  /* The agent's Guidepost no longer knows the place (it restarted, or the session moved on). */
  if (resuming && g_error_matches (error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_BAD_CODE))
    return g_strdup (_("The agent has let your place go. Ask them for a new code and join again."));
  if (error == NULL)
    return g_strdup (_("The connection closed before the agent let you in. Try again."));
  if (error->domain == GP_COBROWSE_ERROR)
    switch ((GpCobrowseError) error->code)
      {
      case GP_COBROWSE_ERROR_REFUSED:
        return g_strdup (_("The agent did not let you in. Ask them and try again."));
      case GP_COBROWSE_ERROR_BAD_CODE:
        return g_strdup (_("That code does not work: it may be mistyped, used or expired. Ask the agent for a new one."));
      case GP_COBROWSE_ERROR_FULL:
        return g_strdup (_("The session is full."));
      case GP_COBROWSE_ERROR_FORBIDDEN:
        return g_strdup (_("That is a classroom code: join as a trainee, or ask for a code of your own."));
      default:
        break;
      }
  /* Translators: %s is the reason from the connection */
  return g_strdup_printf (_("Could not join: %s"), error->message);
}

static void
on_state_changed (GpJoinPage *self)
{
  g_autoptr(GpCobrowsePeer) peer = g_object_ref (self->peer);

  switch (gp_cobrowse_peer_get_state (peer))
    {
    case GP_COBROWSE_PEER_STATE_WAITING:
      gtk_label_set_label (self->waiting_label, _("Waiting for the agent to let you in…"));
      break;
    case GP_COBROWSE_PEER_STATE_CONNECTING:
    case GP_COBROWSE_PEER_STATE_RECONNECTING:
      gtk_label_set_label (self->waiting_label, _("Connecting…"));
      break;
    case GP_COBROWSE_PEER_STATE_CONNECTED:
      if (gp_cobrowse_peer_get_session (peer) == NULL)
        break;
      /* From here the session view looks after the peer. */
      drop_peer (self);
      show_form (self);
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
      g_signal_emit (self, signals[JOINED], 0, peer);
      break;
    case GP_COBROWSE_PEER_STATE_CLOSED:
    default:
      {
        g_autofree char *message = describe_close (gp_cobrowse_peer_get_close_error (peer), self->resuming);

        drop_peer (self);
        show_form (self);
        set_error (self, message);
      }
      break;
    }
}

static void
join_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GpJoinPage *self = GP_JOIN_PAGE (widget);
  g_autofree char *uri = complete_address (gtk_editable_get_text (GTK_EDITABLE (self->address_row)));
  g_autofree char *code = complete_code (gtk_editable_get_text (GTK_EDITABLE (self->code_row)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  g_autoptr(GUri) parsed = NULL;
  gboolean trainee;

  if (self->peer != NULL)
    return;
  if (uri == NULL || (parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL)) == NULL ||
      (g_strcmp0 (g_uri_get_scheme (parsed), "ws") != 0 && g_strcmp0 (g_uri_get_scheme (parsed), "wss") != 0))
    {
      set_error (self, _("Type the address the agent gives you, such as 192.168.1.20:41234."));
      gtk_widget_grab_focus (GTK_WIDGET (self->address_row));
      return;
    }
  if (*code == '\0')
    {
      set_error (self, _("Type the code the agent reads out, such as ABCD-EFGH."));
      gtk_widget_grab_focus (GTK_WIDGET (self->code_row));
      return;
    }

  trainee = gtk_switch_get_active (self->trainee_switch);
  /* The trainer hands the driving to a trainee by name. */
  if (trainee && *name == '\0')
    {
      set_error (self, _("Type your name: the trainer sees it and hands you the driving by it."));
      gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
      return;
    }

  set_error (self, NULL);
  self->resuming = FALSE;
  self->peer = gp_cobrowse_peer_new (uri, code, trainee ? GP_COBROWSE_ROLE_OBSERVER : GP_COBROWSE_ROLE_CUSTOMER,
                                     *name != '\0' ? name : NULL);
  g_signal_connect_object (self->peer, "notify::state", G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  gtk_label_set_label (self->waiting_label, _("Connecting…"));
  gtk_stack_set_visible_child_name (self->stack, "waiting");
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (widget, "join.join", FALSE);
  gtk_widget_action_set_enabled (widget, "join.cancel", TRUE);
  gp_cobrowse_peer_connect (self->peer);
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GpJoinPage *self = GP_JOIN_PAGE (widget);
  g_autoptr(GpCobrowsePeer) peer = self->peer != NULL ? g_object_ref (self->peer) : NULL;

  drop_peer (self);
  if (peer != NULL)
    gp_cobrowse_peer_close (peer);
  show_form (self);
}

static void
on_entry_activated (GpJoinPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "join.join", NULL);
}

void
gp_join_page_set_details (GpJoinPage *self,
                          const char *address,
                          const char *code,
                          const char *name)
{
  g_return_if_fail (GP_IS_JOIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address != NULL ? address : "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), code != NULL ? code : "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
}

void
gp_join_page_resume (GpJoinPage     *self,
                     GpCobrowsePeer *peer)
{
  g_return_if_fail (GP_IS_JOIN_PAGE (self));
  g_return_if_fail (GP_IS_COBROWSE_PEER (peer));
  g_return_if_fail (self->peer == NULL);

  self->resuming = TRUE;
  set_error (self, NULL);
  /* Should the place be gone, joining again starts from the same address. */
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), gp_cobrowse_peer_get_uri (peer));
  self->peer = g_object_ref (peer);
  g_signal_connect_object (self->peer, "notify::state", G_CALLBACK (on_state_changed), self, G_CONNECT_SWAPPED);
  gtk_label_set_label (self->waiting_label, _("Rejoining the agent’s session…"));
  gtk_stack_set_visible_child_name (self->stack, "waiting");
  gtk_spinner_start (self->spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.join", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "join.cancel", TRUE);
  gp_cobrowse_peer_connect (self->peer);
}

void
gp_join_page_set_trainee (GpJoinPage *self,
                          gboolean    trainee)
{
  g_return_if_fail (GP_IS_JOIN_PAGE (self));

  gtk_switch_set_active (self->trainee_switch, trainee);
}

GpCobrowsePeer *
gp_join_page_get_peer (GpJoinPage *self)
{
  g_return_val_if_fail (GP_IS_JOIN_PAGE (self), NULL);

  return self->peer;
}

static void
gp_join_page_dispose (GObject *object)
{
  GpJoinPage *self = GP_JOIN_PAGE (object);

  if (self->peer != NULL)
    {
      g_autoptr(GpCobrowsePeer) peer = g_object_ref (self->peer);

      drop_peer (self);
      gp_cobrowse_peer_close (peer);
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_JOIN_PAGE);

  G_OBJECT_CLASS (gp_join_page_parent_class)->dispose (object);
}

static void
gp_join_page_class_init (GpJoinPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_join_page_dispose;

  signals[JOINED] = g_signal_new ("joined", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GP_TYPE_COBROWSE_PEER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-join-page.ui");
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, trainee_switch);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, GpJoinPage, waiting_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);
  gtk_widget_class_install_action (widget_class, "join.join", NULL, join_activated);
  gtk_widget_class_install_action (widget_class, "join.cancel", NULL, cancel_activated);
}

static void
gp_join_page_init (GpJoinPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  show_form (self);
}

GtkWidget *
gp_join_page_new (void)
{
  return g_object_new (GP_TYPE_JOIN_PAGE, NULL);
}
