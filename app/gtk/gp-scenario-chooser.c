/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <glib/gi18n.h>

#include "gp-ui-resources.h"
#include "gp-scenario-chooser.h"

#define SCENARIOS_PATH GP_BUNDLED_SCENARIOS_PATH

struct _GpScenarioChooser
{
  AdwWindow       parent_instance;

  GpFlowLibrary  *library;
  GListStore     *scenarios;

  GtkStack       *stack;
  GtkListBox     *scenario_list;
  GtkWidget      *detail_box;
  GtkLabel       *detail_title;
  GtkLabel       *detail_summary;
  AdwActionRow   *flow_row;
  AdwActionRow   *customer_row;
  AdwActionRow   *goal_row;
  AdwActionRow   *at_hand_row;
  AdwActionRow   *rules_row;
};

G_DEFINE_FINAL_TYPE (GpScenarioChooser, gp_scenario_chooser, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LIBRARY,
  N_PROPS
};

enum {
  START,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
mood_text (GpMood mood)
{
  switch (mood)
    {
    case GP_MOOD_ANXIOUS: return _("anxious");
    case GP_MOOD_ANGRY: return _("angry");
    case GP_MOOD_CONFUSED: return _("confused");
    case GP_MOOD_IN_A_HURRY: return _("in a hurry");
    case GP_MOOD_CALM:
    default: return _("calm");
    }
}

static const char *
flow_title (GpScenarioChooser *self,
            GpScenario        *scenario)
{
  GpFlow *flow = gp_flow_library_lookup (self->library, gp_scenario_get_flow_id (scenario));

  return flow != NULL ? gp_flow_get_title (flow) : gp_scenario_get_flow_id (scenario);
}

/* "Margaret Hale · new to the service · anxious" */
static char *
describe_customer (GpScenario *scenario)
{
  const char *name = gp_scenario_get_persona_name (scenario);
  const char *familiarity = gp_scenario_get_persona_familiarity (scenario) == GP_FAMILIARITY_FAMILIAR
                            ? _("has used the service before") : _("new to the service");

  if (name == NULL || *name == '\0')
    /* Translators: a customer without a name: familiarity and mood */
    return g_strdup_printf (_("%s · %s"), familiarity, mood_text (gp_scenario_get_persona_mood (scenario)));
  /* Translators: the customer's name, familiarity and mood */
  return g_strdup_printf (_("%s · %s · %s"), name, familiarity, mood_text (gp_scenario_get_persona_mood (scenario)));
}

static GtkWidget *
scenario_row_new (GpScenarioChooser *self,
                  GpScenario        *scenario)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *customer = describe_customer (scenario);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", flow_title (self, scenario), customer);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gp_scenario_get_title (scenario));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  /* The selection shows by more than a shade: a check mark, as in a choice list. */
  gtk_widget_set_visible (check, FALSE);
  gtk_widget_add_css_class (check, "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Selected"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "gp-check", check);
  g_object_set_data_full (G_OBJECT (row), "gp-scenario", g_object_ref (scenario), g_object_unref);
  return row;
}

/* Every bundled scenario that loads against the library's flows; the others say why in
 * the debug log (`guidepost --validate` tells the author). */
static void
load_scenarios (GpScenarioChooser *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = g_resources_enumerate_children (SCENARIOS_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  if (names == NULL)
    {
      g_debug ("No bundled scenarios at %s: %s", SCENARIOS_PATH, error->message);
      return;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (SCENARIOS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GpScenario) scenario = NULL;
      g_autoptr(GError) load_error = NULL;

      if (bytes == NULL || !g_str_has_suffix (names[i], ".json"))
        continue;
      scenario = gp_scenario_load_bytes (bytes, names[i], self->library, NULL, NULL, &load_error);
      if (scenario == NULL)
        {
          g_debug ("Scenario %s not offered: %s", names[i], load_error->message);
          continue;
        }
      g_list_store_append (self->scenarios, scenario);
      gtk_list_box_append (self->scenario_list, scenario_row_new (self, scenario));
    }
}

GpScenario *
gp_scenario_chooser_get_selected (GpScenarioChooser *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GP_IS_SCENARIO_CHOOSER (self), NULL);

  row = gtk_list_box_get_selected_row (self->scenario_list);
  return row != NULL ? g_object_get_data (G_OBJECT (row), "gp-scenario") : NULL;
}

static void
on_selected (GpScenarioChooser *self)
{
  GpScenario *scenario = gp_scenario_chooser_get_selected (self);
  const char * const *at_hand;
  double minutes;
  g_autofree char *customer = NULL;
  g_autofree char *items = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *time = NULL;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "gp-check") != NULL)
      gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "gp-check"),
                              gtk_list_box_row_is_selected (GTK_LIST_BOX_ROW (row)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.practice", scenario != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.assess", scenario != NULL);
  gtk_widget_set_visible (self->detail_box, scenario != NULL);
  if (scenario == NULL)
    return;

  gtk_label_set_label (self->detail_title, gp_scenario_get_title (scenario));
  gtk_label_set_label (self->detail_summary, gp_scenario_get_summary (scenario));
  adw_action_row_set_subtitle (self->flow_row, flow_title (self, scenario));
  customer = describe_customer (scenario);
  adw_action_row_set_subtitle (self->customer_row, customer);
  /* Translators: the customer's own words, in quotation marks */
  quoted = g_strdup_printf (_("“%s”"), gp_scenario_get_persona_goal (scenario));
  adw_action_row_set_subtitle (self->goal_row, quoted);
  at_hand = gp_scenario_get_persona_has_at_hand (scenario);
  items = at_hand != NULL && at_hand[0] != NULL ? g_strjoinv ("\n", (char **) at_hand) : g_strdup (_("Nothing"));
  adw_action_row_set_subtitle (self->at_hand_row, items);

  minutes = gp_scenario_get_time_limit_minutes (scenario);
  if (minutes > 0 && isfinite (minutes))
    /* Translators: a scenario's time limit */
    time = g_strdup_printf (ngettext ("%d minute", "%d minutes", (int) ceil (minutes)), (int) ceil (minutes));
  else
    time = g_strdup (_("no time limit"));
  /* Translators: hints allowed or not, then the time limit */
  rules = g_strdup_printf (_("%s · %s"), gp_scenario_get_hints_allowed (scenario)
                                         ? _("Hints allowed") : _("No hints in the assessment"), time);
  adw_action_row_set_subtitle (self->rules_row, rules);
}

gboolean
gp_scenario_chooser_select (GpScenarioChooser *self,
                            const char        *id)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CHOOSER (self), FALSE);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->scenario_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GpScenario *scenario = g_object_get_data (G_OBJECT (row), "gp-scenario");

      if (scenario != NULL && g_strcmp0 (gp_scenario_get_id (scenario), id) == 0)
        {
          gtk_list_box_select_row (self->scenario_list, GTK_LIST_BOX_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}

GListModel *
gp_scenario_chooser_get_scenarios (GpScenarioChooser *self)
{
  g_return_val_if_fail (GP_IS_SCENARIO_CHOOSER (self), NULL);

  return G_LIST_MODEL (self->scenarios);
}

static void
start (GpScenarioChooser *self,
       GpScenarioRun      run)
{
  g_autoptr(GpScenario) scenario = NULL;

  if (gp_scenario_chooser_get_selected (self) == NULL)
    return;
  scenario = g_object_ref (gp_scenario_chooser_get_selected (self));
  g_signal_emit (self, signals[START], 0, scenario, (guint) run);
  gtk_window_close (GTK_WINDOW (self));
}

static void
practice_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  start (GP_SCENARIO_CHOOSER (widget), GP_SCENARIO_RUN_PRACTICE);
}

static void
assess_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  start (GP_SCENARIO_CHOOSER (widget), GP_SCENARIO_RUN_ASSESSMENT);
}

static void
gp_scenario_chooser_constructed (GObject *object)
{
  GpScenarioChooser *self = GP_SCENARIO_CHOOSER (object);
  GtkListBoxRow *first;

  G_OBJECT_CLASS (gp_scenario_chooser_parent_class)->constructed (object);

  load_scenarios (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->scenarios)) > 0 ? "list" : "empty");
  first = gtk_list_box_get_row_at_index (self->scenario_list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->scenario_list, first);
  on_selected (self);
}

static void
gp_scenario_chooser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GpScenarioChooser *self = GP_SCENARIO_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      self->library = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_scenario_chooser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GpScenarioChooser *self = GP_SCENARIO_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_LIBRARY:
      g_value_set_object (value, self->library);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gp_scenario_chooser_dispose (GObject *object)
{
  GpScenarioChooser *self = GP_SCENARIO_CHOOSER (object);

  /* Removing the rows changes the selection: nothing to show any more. */
  if (self->scenario_list != NULL)
    g_signal_handlers_disconnect_by_data (self->scenario_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GP_TYPE_SCENARIO_CHOOSER);
  g_clear_object (&self->scenarios);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (gp_scenario_chooser_parent_class)->dispose (object);
}

static void
gp_scenario_chooser_class_init (GpScenarioChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = gp_scenario_chooser_constructed;
  object_class->set_property = gp_scenario_chooser_set_property;
  object_class->get_property = gp_scenario_chooser_get_property;
  object_class->dispose = gp_scenario_chooser_dispose;

  properties[PROP_LIBRARY] = g_param_spec_object ("library", NULL, NULL, GP_TYPE_FLOW_LIBRARY,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                                                  G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The trainee chose a scenario and how to play it (a GpScenarioRun). */
  signals[START] = g_signal_new ("start", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 2, GP_TYPE_SCENARIO, G_TYPE_UINT);

  (void) gp_ui_get_resource ();
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/gp-scenario-chooser.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, GpScenarioChooser, name)
  BIND (stack);
  BIND (scenario_list);
  BIND (detail_box);
  BIND (detail_title);
  BIND (detail_summary);
  BIND (flow_row);
  BIND (customer_row);
  BIND (goal_row);
  BIND (at_hand_row);
  BIND (rules_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, on_selected);
  gtk_widget_class_install_action (widget_class, "chooser.practice", NULL, practice_activated);
  gtk_widget_class_install_action (widget_class, "chooser.assess", NULL, assess_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
gp_scenario_chooser_init (GpScenarioChooser *self)
{
  self->scenarios = g_list_store_new (GP_TYPE_SCENARIO);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
gp_scenario_chooser_new (GtkWindow     *parent,
                         GpFlowLibrary *library)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (GP_IS_FLOW_LIBRARY (library), NULL);

  return g_object_new (GP_TYPE_SCENARIO_CHOOSER,
                       "library", library,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
