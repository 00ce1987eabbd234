/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

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
  g_autofree char *subtitle = NULL;

  /* Translators: a peer's role, then "connected" or "reconnecting…" */
  subtitle = g_strdup_printf (_("%s · %s"), role_text (gp_cobrowse_peer_info_get_role (info)),
                              gp_cobrowse_peer_info_get_connected (info) ? _("connected") : _("reconnecting…"));
  adw_action_row_set_subtitle (row, subtitle);
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
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL && *name != '\0' ? name : _("Someone"));
  update_peer_row (ADW_ACTION_ROW (row), NULL, info);
  g_signal_connect_object (info, "notify::connected", G_CALLBACK (on_peer_connected_changed), row, 0);
  return row;
}

static void
update_code (GpShareWindow *self)
{
  const char *code = self->host != NULL ? gp_cobrowse_host_get_code (self->host) : NULL;
  g_autofree char *shown = NULL;

  /* Read out in two halves; the customer may type the dash or not. */
  if (code != NULL && strlen (code) == GP_COBROWSE_CODE_LENGTH)
    shown = g_strdup_printf ("%.4s-%s", code, code + 4);
  else
    shown = g_strdup (code != NULL ? code : "");
  gtk_label_set_label (self->code_label, shown);
  gtk_widget_set_visible (self->copy_code_button, code != NULL);
  if (code == NULL)
    gtk_label_set_label (self->code_label, "—");
  adw_action_row_set_subtitle (self->code_row, code != NULL ? _("Works once, for 20 minutes")
                                                            : _("Used or expired: make a new one for the next person"));
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
  gtk_list_box_bind_model (self->peer_list, gp_cobrowse_host_get_peers (host), create_peer_row, NULL, NULL);
  update_code (self);
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
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_code_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_address_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_new_code_clicked);
  gtk_widget_class_install_action (widget_class, "share.stop", NULL, stop_activated);
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
