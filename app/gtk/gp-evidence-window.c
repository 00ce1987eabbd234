/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gi18n.h>
#include <guidepost/guidepost.h>

#include "gp-evidence-window.h"
#include "gp-write-file.h"

struct _GpEvidenceWindow
{
  AdwWindow             parent_instance;

  GpJournal            *journal;
  /* The file chooser while it is open. */
  GtkFileChooserNative *chooser;
  GpEvidenceFormat      chooser_format;

  AdwToastOverlay      *toast_overlay;
  AdwActionRow         *sessions_row;
  GtkTextView          *witness_view;
};

G_DEFINE_FINAL_TYPE (GpEvidenceWindow, gp_evidence_window, ADW_TYPE_WINDOW)

/* The report covers the finished sessions: say how many, and what that means. */
static void
gp_evidence_window_update_sessions (GpEvidenceWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->journal);
  guint n_finished = 0, n_items = g_list_model_get_n_items (model);
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GpJournalSession) session = g_list_model_get_item (model, i);

      n_finished += gp_journal_session_get_ended (session);
    }

  if (n_finished == 0)
    subtitle = g_strdup (_("No session has finished yet: the report lists every criterion with no evidence"));
  else
    subtitle = g_strdup_printf (ngettext ("The report shows what %u finished session gives evidence for, criterion by criterion",
                                          "The report shows what %u finished sessions give evidence for, criterion by criterion",
                                          n_finished), n_finished);
  adw_action_row_set_subtitle (self->sessions_row, subtitle);
}

void
gp_evidence_window_set_witness (GpEvidenceWindow *self,
                                const char       *statement)
{
  g_return_if_fail (GP_IS_EVIDENCE_WINDOW (self));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->witness_view),
                            statement != NULL ? statement : "", -1);
}

char *
gp_evidence_window_get_witness (GpEvidenceWindow *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  g_return_val_if_fail (GP_IS_EVIDENCE_WINDOW (self), NULL);

  buffer = gtk_text_view_get_buffer (self->witness_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  /* Only blank space is no statement; otherwise it is kept exactly as typed. */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return g_steal_pointer (&text);
  return NULL;
}

typedef struct {
  GpJournal        *journal;
  GpEvidenceFormat  format;
  const char       *witness;
} Report;

static gboolean
write_report (GOutputStream  *out,
              gpointer        data,
              GError        **error)
{
  Report *report = data;

  return gp_evidence_report_write (report->journal, NULL, report->format, report->witness, out, NULL, error);
}

gboolean
gp_evidence_window_save_to (GpEvidenceWindow *self,
                            GFile            *file,
                            GpEvidenceFormat  format,
                            GError          **error)
{
  g_autofree char *witness = NULL;
  g_autofree char *name = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *done = NULL;
  g_autofree char *failed = NULL;
  Report report;

  g_return_val_if_fail (GP_IS_EVIDENCE_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  witness = gp_evidence_window_get_witness (self);
  report = (Report) { self->journal, format, witness };
  name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  /* Translators: %s is a file name */
  done = g_strdup_printf (_("Evidence report saved to “%s”"), basename);
  /* Translators: %s is the file the report was to be written to */
  failed = g_strdup_printf (_("Could not save to “%s”"), name);
  return gp_write_file (GTK_WINDOW (self), self->toast_overlay, file, write_report, &report, done, failed, error);
}

static void
on_chooser_response (GpEvidenceWindow *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gp_evidence_window_save_to (self, file, self->chooser_format, NULL);
    }

  g_clear_object (&self->chooser);
}

static void
gp_evidence_window_save (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GpEvidenceWindow *self = GP_EVIDENCE_WINDOW (widget);
  gboolean html = g_str_equal (g_variant_get_string (parameter, NULL), "html");

  if (self->chooser != NULL)
    return;

  self->chooser_format = html ? GP_EVIDENCE_FORMAT_HTML : GP_EVIDENCE_FORMAT_JSON;
  self->chooser = gp_save_chooser_new (GTK_WINDOW (self),
                                       html ? _("Save Evidence Report as HTML")
                                            : _("Save Evidence Report as JSON"),
                                       _("_Save"), "guidepost-evidence",
                                       html ? _("Web pages") : _("JSON files"),
                                       html ? "text/html" : "application/json",
                                       html ? "html" : "json");

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
gp_evidence_window_dispose (GObject *object)
{
  GpEvidenceWindow *self = GP_EVIDENCE_WINDOW (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->journal != NULL)
    g_signal_handlers_disconnect_by_data (self->journal, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_EVIDENCE_WINDOW);
  g_clear_object (&self->journal);

  G_OBJECT_CLASS (gp_evidence_window_parent_class)->dispose (object);
}

static void
gp_evidence_window_class_init (GpEvidenceWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gp_evidence_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-evidence-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GpEvidenceWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GpEvidenceWindow, sessions_row);
  gtk_widget_class_bind_template_child (widget_class, GpEvidenceWindow, witness_view);

  gtk_widget_class_install_action (widget_class, "evidence.save", "s", gp_evidence_window_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "evidence.save", "s", "html");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gp_evidence_window_init (GpEvidenceWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_evidence_window_new (GpJournal *journal)
{
  GpEvidenceWindow *self;

  g_return_val_if_fail (GP_IS_JOURNAL (journal), NULL);

  self = g_object_new (GP_TYPE_EVIDENCE_WINDOW, NULL);
  self->journal = g_object_ref (journal);
  g_signal_connect_object (journal, "items-changed", G_CALLBACK (gp_evidence_window_update_sessions), self,
                           G_CONNECT_SWAPPED);
  gp_evidence_window_update_sessions (self);
  return GTK_WIDGET (self);
}
