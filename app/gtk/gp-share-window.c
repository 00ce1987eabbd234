/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-gtk-util.h"
#include "gp-share-window.h"

struct _GpShareWindow
{
  AdwWindow       parent_instance;

  GpSessionView  *view;          /* weak */
  GpCobrowseHost *host;

  GtkStack       *stack;
  GtkCheckButton *loopback_check;
  GtkCheckButton *network_check;
  GtkSpinButton  *port_spin;
  GtkLabel       *error_label;
  GtkWidget      *start_button;
  GtkLabel       *code_label;
  GtkWidget      *copy_code_button;
  GtkLabel       *address_label;
  AdwActionRow   *code_row;
  GtkListBox     *peer_list;
  GtkWidget      *classroom_group;
  GtkWidget      *classroom_closed_row;
  AdwActionRow   *classroom_open_row;
  GtkLabel       *classroom_code_label;
};

G_DEFINE_FINAL_TYPE (GpShareWindow, gp_share_window, ADW_TYPE_WINDOW)

static const char *
role_text (GpCobrowseRole role)
{
  switch (role)
    {
    case GP_COBROWSE_ROLE_AGENT: return _("Agent");
    case GP_COBROWSE_ROLE_TRAINER: return _("Trainer");
    case GP_COBROWSE_ROLE_OBSERVER: return _("Observer");
    case GP_COBROWSE_ROLE_CUSTOMER:
    default: return _("Customer");
    }
}

static void
update_peer_row (AdwActionRow       *row,
                 GParamSpec         *pspec,
                 GpCobrowsePeerInfo *info)
{
  GtkWidget *driving_button = g_object_get_data (G_OBJECT (row), "gp-driving-button");
  gboolean trainee = gp_cobrowse_peer_info_get_trainee (info);
  gboolean driving = gp_cobrowse_peer_info_get_driving (info);
  const char *connected = gp_cobrowse_peer_info_get_connected (info) ? _("connected") : _("reconnecting…");
  g_autofree char *subtitle = NULL;

  if (trainee)
    /* Translators: a classroom trainee, "driving" or "watching", then "connected" or "reconnecting…" */
    subtitle = g_strdup_printf (_("Trainee · %s · %s"), driving ? _("driving") : _("watching"), connected);
  else
    /* Translators: a peer's role, then "connected" or "reconnecting…" */
    subtitle = g_strdup_printf (_("%s · %s"), role_text (gp_cobrowse_peer_info_get_role (info)), connected);
  adw_action_row_set_subtitle (row, subtitle);

  gtk_widget_set_visible (driving_button, trainee);
  gtk_button_set_label (GTK_BUTTON (driving_button), driving ? _("_Take Back") : _("_Hand Driving"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (driving_button),
                                  driving ? "share.take-back-driving" : "share.hand-driving");
}

static void
on_peer_connected_changed (GpCobrowsePeerInfo *info,
                           GParamSpec         *pspec,
                           AdwActionRow       *row)
{
  update_peer_row (row, pspec, info);
}

static GtkWidget *
create_peer_row (gpointer item,
                 gpointer user_data)
{
  GpCobrowsePeerInfo *info = item;
  GtkWidget *row = adw_action_row_new ();
  const char *name = gp_cobrowse_peer_info_get_name (info);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  GtkWidget *driving_button = gtk_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL && *name != '\0' ? name : _("Someone"));
  /* A trainee is handed the driving by name (names are unique in a classroom). */
  gtk_button_set_use_underline (GTK_BUTTON (driving_button), TRUE);
  gtk_widget_set_valign (driving_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (driving_button), "s", name != NULL ? name : "");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), driving_button);
  g_object_set_data (G_OBJECT (row), "gp-driving-button", driving_button);
  update_peer_row (ADW_ACTION_ROW (row), NULL, info);
  g_signal_connect_object (info, "notify::connected", G_CALLBACK (on_peer_connected_changed), row, 0);
  g_signal_connect_object (info, "notify::driving", G_CALLBACK (on_peer_connected_changed), row, 0);
  return row;
}

static const char *
format_code (const char *code,
             char      **owned)
{
  /* Read out in two halves; people may type the dash or not. */
  if (code != NULL && strlen (code) == GP_COBROWSE_CODE_LENGTH)
    return *owned = g_strdup_printf ("%.4s-%s", code, code + 4);
  return code;
}

static void
update_code (GpShareWindow *self)
{
  const char *code = self->host != NULL ? gp_cobrowse_host_get_code (self->host) : NULL;
  g_autofree char *owned = NULL;

  gtk_label_set_label (self->code_label, code != NULL ? format_code (code, &owned) : "—");
  gtk_widget_set_visible (self->copy_code_button, code != NULL);
  adw_action_row_set_subtitle (self->code_row, code != NULL ? _("Works once, for 20 minutes")
                                                            : _("Used or expired: make a new one for the next person"));
}

static void
update_classroom (GpShareWindow *self)
{
  GpSession *session = self->host != NULL ? gp_cobrowse_host_get_session (self->host) : NULL;
  const char *code = self->host != NULL ? gp_cobrowse_host_get_classroom_code (self->host) : NULL;
  g_autofree char *owned = NULL;
  g_autofree char *subtitle = NULL;

  gtk_widget_set_visible (self->classroom_group,
                          session != NULL && gp_session_get_mode (session) == GP_SESSION_MODE_TRAINING);
  gtk_widget_set_visible (self->classroom_closed_row, code == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->classroom_open_row), code != NULL);
  gtk_label_set_label (self->classroom_code_label, code != NULL ? format_code (code, &owned) : "");
  /* Translators: %u is the most trainees a classroom takes */
  subtitle = g_strdup_printf (_("For up to %u trainees, with the address above; works until you close it"),
                              GP_COBROWSE_MAX_TRAINEES);
  adw_action_row_set_subtitle (self->classroom_open_row, subtitle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "share.copy-classroom-code", code != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "share.close-classroom", code != NULL);
}

static void
show_host (GpShareWindow  *self,
           GpCobrowseHost *host)
{
  g_auto(GStrv) uris = gp_cobrowse_host_dup_uris (host);
  g_autofree char *addresses = g_strjoinv ("\n", uris);

  g_set_object (&self->host, host);
  /* On the local network a computer may have several addresses: the customer uses the
   * one of their network. */
  gtk_label_set_label (self->address_label, addresses);
  g_signal_connect_object (host, "notify::code", G_CALLBACK (update_code), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (host, "notify::classroom-code", G_CALLBACK (update_classroom), self, G_CONNECT_SWAPPED);
  gtk_list_box_bind_model (self->peer_list, gp_cobrowse_host_get_peers (host), create_peer_row, NULL, NULL);
  update_code (self);
  update_classroom (self);
  gtk_stack_set_visible_child_name (self->stack, "sharing");
  gtk_window_set_title (GTK_WINDOW (self), _("Sharing the Session"));
  /* Not the selectable code: it would show all selected. */
  gtk_window_set_focus (GTK_WINDOW (self), self->copy_code_button);
}

static void
on_start_clicked (GpShareWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *address = gtk_check_button_get_active (self->network_check) ? "0.0.0.0" : NULL;
  guint port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);

  if (self->view == NULL)
    return;
  if (!gp_session_view_share (self->view, address, port, &error))
    {
      /* Translators: %s says why, e.g. "port 41234 is in use by another program" */
      g_autofree char *text = g_strdup_printf (_("Sharing could not start: %s."), error->message);

      gtk_label_set_label (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  show_host (self, gp_session_view_get_host (self->view));
}

static void
copy_text (GpShareWindow *self,
           const char    *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

static void
on_copy_code_clicked (GpShareWindow *self)
{
  if (self->host != NULL && gp_cobrowse_host_get_code (self->host) != NULL)
    copy_text (self, gtk_label_get_label (self->code_label));
}

static void
on_copy_address_clicked (GpShareWindow *self)
{
  if (self->host != NULL && gp_cobrowse_host_get_uri (self->host) != NULL)
    copy_text (self, gp_cobrowse_host_get_uri (self->host));
}

static void
on_new_code_clicked (GpShareWindow *self)
{
  if (self->host != NULL)
    gp_cobrowse_host_new_code (self->host);
  update_code (self);
}

static void
stop_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  GpShareWindow *self = GP_SHARE_WINDOW (widget);

  if (self->view != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->view), "session.stop-sharing", NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Reports a refusal from the host (not training, already driving ...) where it happened. */
static void
show_refusal (GpShareWindow *self,
              const GError  *error)
{
  gp_show_message (GTK_WINDOW (self), _("That Did Not Work"), error->message);
}

static void
open_classroom_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GpShareWindow *self = GP_SHARE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->host != NULL &&
      gp_cobrowse_host_open_classroom (self->host, GP_COBROWSE_MAX_TRAINEES, &error) == NULL)
    show_refusal (self, error);
  update_classroom (self);
}

static void
close_classroom_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GpShareWindow *self = GP_SHARE_WINDOW (widget);

  if (self->host != NULL)
    gp_cobrowse_host_close_classroom (self->host);
  update_classroom (self);
}

static void
copy_classroom_code_activated (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  GpShareWindow *self = GP_SHARE_WINDOW (widget);

  if (self->host != NULL && gp_cobrowse_host_get_classroom_code (self->host) != NULL)
    copy_text (self, gtk_label_get_label (self->classroom_code_label));
}

static GpCobrowsePeerInfo *
find_trainee (GpShareWindow *self,
              const char    *name)
{
  GListModel *peers = gp_cobrowse_host_get_peers (self->host);

  for (guint i = 0; i < g_list_model_get_n_items (peers); i++)
    {
      g_autoptr(GpCobrowsePeerInfo) info = g_list_model_get_item (peers, i);

      if (gp_cobrowse_peer_info_get_trainee (info) && g_strcmp0 (gp_cobrowse_peer_info_get_name (info), name) == 0)
        return g_steal_pointer (&info);
    }
  return NULL;
}

static void
hand_driving_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GpShareWindow *self = GP_SHARE_WINDOW (widget);
  g_autoptr(GpCobrowsePeerInfo) trainee = NULL;
  g_autoptr(GError) error = NULL;

  if (self->host == NULL)
    return;
  trainee = find_trainee (self, g_variant_get_string (parameter, NULL));
  if (trainee == NULL)
    {
      g_set_error (&error, GP_COBROWSE_ERROR, GP_COBROWSE_ERROR_NO_COUNTERPART,
                   _("%s has left the classroom"), g_variant_get_string (parameter, NULL));
      show_refusal (self, error);
      return;
    }
  /* One trainee drives at a time: handing to another takes it back from the first. */
  if ((gp_session_get_driving_trainee (gp_cobrowse_host_get_session (self->host)) != NULL &&
       !gp_cobrowse_host_take_back_driving (self->host, &error)) ||
      !gp_cobrowse_host_hand_driving (self->host, trainee, &error))
    show_refusal (self, error);
}

static void
take_back_driving_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  GpShareWindow *self = GP_SHARE_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->host != NULL && !gp_cobrowse_host_take_back_driving (self->host, &error))
    show_refusal (self, error);
}

const char *
gp_share_window_get_code (GpShareWindow *self)
{
  g_return_val_if_fail (GP_IS_SHARE_WINDOW (self), NULL);

  return self->host != NULL && gp_cobrowse_host_get_code (self->host) != NULL
         ? gtk_label_get_label (self->code_label) : "";
}

static void
gp_share_window_dispose (GObject *object)
{
  GpShareWindow *self = GP_SHARE_WINDOW (object);

  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_SHARE_WINDOW);

  G_OBJECT_CLASS (gp_share_window_parent_class)->dispose (object);
}

static void
gp_share_window_class_init (GpShareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_share_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-share-window.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpShareWindow, name)
  BIND (stack);
  BIND (loopback_check);
  BIND (network_check);
  BIND (port_spin);
  BIND (error_label);
  BIND (start_button);
  BIND (code_label);
  BIND (copy_code_button);
  BIND (address_label);
  BIND (code_row);
  BIND (peer_list);
  BIND (classroom_group);
  BIND (classroom_closed_row);
  BIND (classroom_open_row);
  BIND (classroom_code_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_code_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_address_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_code_clicked);
  gtk_widget_class_install_action (widget_class, "share.stop", NULL, stop_activated);
  gtk_widget_class_install_action (widget_class, "share.open-classroom", NULL, open_classroom_activated);
  gtk_widget_class_install_action (widget_class, "share.close-classroom", NULL, close_classroom_activated);
  gtk_widget_class_install_action (widget_class, "share.copy-classroom-code", NULL, copy_classroom_code_activated);
  gtk_widget_class_install_action (widget_class, "share.hand-driving", "s", hand_driving_activated);
  gtk_widget_class_install_action (widget_class, "share.take-back-driving", "s", take_back_driving_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gp_share_window_init (GpShareWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_share_window_new (GpSessionView *view)
{
  GpShareWindow *self = g_object_new (GP_TYPE_SHARE_WINDOW, NULL);
  GtkWidget *placeholder = gtk_label_new (_("Nobody has joined yet"));

  g_return_val_if_fail (GP_IS_SESSION_VIEW (view), NULL);

  g_set_weak_pointer (&self->view, view);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->peer_list, placeholder);
  if (gp_session_view_get_host (view) != NULL)
    show_host (self, gp_session_view_get_host (view));
  return GTK_WIDGET (self);
}
