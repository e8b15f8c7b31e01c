/**
 * The editor side every iplus node shares, loaded once by the editor before the nodes' own scripts run:
 * Node-RED serves the package's `resources/` folder at `resources/node-red-contrib-iplus/`, and each
 * node's .html names this file in a `<script src>` (Node-RED 1.3 and later load it first).
 *
 * `iplusEditor.registerType(type, definition)` registers a node of the iplus palette: its category,
 * colour and icon, the `name` and `iplus` (config node) properties, its palette label and label from its
 * catalog, and, when `definition.idProperty` names one (`decisionId`, `mandateId`), that property as a
 * typed input (`msg.payload.id` by default) — then whatever else the definition holds.
 *
 * The edit dialog and the help text name the shared parts with placeholders, filled in at registration:
 * `<div data-iplus-row="iplus|id|store|name"></div>` in the template, `<div data-iplus-help="errors"></div>`
 * in the help (in every language: the help of the editor's language is the one in the page).
 */
/* global RED, $ */
(function () {
  'use strict';
  if (window.iplusEditor) return;

  var CONFIG_NS = 'node-red-contrib-iplus/iplus-config:iplus-config.';
  /** The icon of each typed id property. */
  var ID_ICONS = { decisionId: 'fa-gavel', mandateId: 'fa-envelope-o' };

  /** One form row: a label with its icon and catalog text, then the inputs. */
  function row(field, icon, key, inputs) {
    var label = $('<label>').attr('for', 'node-input-' + field);
    $('<i>')
      .addClass('fa ' + icon)
      .appendTo(label);
    label.append(' ');
    $('<span>').attr('data-i18n', key).appendTo(label);
    return $('<div class="form-row">').append(label).append(inputs);
  }

  function textInput(id) {
    return $('<input type="text">').attr('id', id);
  }

  /** The rows of the template's placeholders, for node `type` whose typed id property is `idProperty`. */
  var ROWS = {
    iplus: function (type) {
      return row('iplus', 'fa-server', type + '.label.iplus', textInput('node-input-iplus'));
    },
    store: function (type) {
      return row(
        'store',
        'fa-database',
        type + '.label.store',
        textInput('node-input-store').attr('placeholder', 'default'),
      );
    },
    name: function () {
      return row('name', 'fa-tag', 'node-red:common.label.name', textInput('node-input-name'));
    },
    id: function (type, idProperty) {
      return row(idProperty, ID_ICONS[idProperty] || 'fa-hashtag', type + '.label.' + idProperty, [
        textInput('node-input-' + idProperty),
        $('<input type="hidden">').attr('id', 'node-input-' + idProperty + 'Type'),
      ]);
    },
  };

  /** The help sections every node shares, in the editor's language. */
  var HELP = {
    errors: function () {
      return [
        $('<h3>').text(RED._(CONFIG_NS + 'help.errorsTitle')),
        $('<p>').html(RED._(CONFIG_NS + 'help.errors')),
      ];
    },
  };

  /** Replaces the placeholders in the text of `<script data-{kind}-name="type">` by what `fill` makes. */
  function expand(kind, type, attribute, fill) {
    var script = $('script[data-' + kind + '-name="' + type + '"]');
    if (!script.length || script.html().indexOf(attribute) < 0) return;
    var holder = $('<div>').html(script.html());
    holder.find('[' + attribute + ']').each(function () {
      $(this).replaceWith(fill($(this).attr(attribute)));
    });
    script.text(holder.html());
  }

  function expandAll(type, idProperty) {
    expand('template', type, 'data-iplus-row', function (which) {
      return ROWS[which](type, idProperty);
    });
    expand('help', type, 'data-iplus-help', function (which) {
      return HELP[which]();
    });
  }

  function registerType(type, definition) {
    var idProperty = definition.idProperty;
    var defaults = { name: { value: '' }, iplus: { value: '', type: 'iplus-config', required: true } };
    if (idProperty) {
      defaults[idProperty] = {
        value: 'payload.id',
        required: true,
        validate: RED.validators.typedInput(idProperty + 'Type'),
      };
      defaults[idProperty + 'Type'] = { value: 'msg' };
    }
    var own = definition.oneditprepare;
    var merged = $.extend(
      {
        category: 'iplus',
        color: '#7fb7df',
        inputs: 1,
        outputs: 1,
        icon: 'iplus.svg',
        paletteLabel: function () {
          return this._(type + '.paletteLabel');
        },
        label: function () {
          return this.name || this._(type + '.paletteLabel');
        },
      },
      definition,
      {
        defaults: $.extend(defaults, definition.defaults),
        oneditprepare: function () {
          if (idProperty) {
            $('#node-input-' + idProperty).typedInput({
              types: ['msg', 'flow', 'global', 'str', 'env'],
              typeField: '#node-input-' + idProperty + 'Type',
            });
          }
          if (own) own.call(this);
        },
      },
    );
    delete merged.idProperty;
    // The node's template and help come after its registering script in the page: fill them now if
    // they are there, and once the page has them otherwise.
    expandAll(type, idProperty);
    $(function () {
      expandAll(type, idProperty);
    });
    RED.nodes.registerType(type, merged);
  }

  window.iplusEditor = { registerType: registerType };
})();
