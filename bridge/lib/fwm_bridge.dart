// The fwm bridge: the workmanager plugin's public Dart API as ext.fwm.* service extensions (docs/bridge-protocol.md).
library fwm_bridge;

import 'dart:convert';
import 'dart:developer' as developer;
import 'dart:io' show Platform;

import 'package:flutter/foundation.dart' show kReleaseMode;
import 'package:workmanager/workmanager.dart';

/// The bridge protocol version; fwm refuses a bridge whose major version it does not know.
const String fwmBridgeProtocolVersion = '1.0';

/// This package's version.
const String fwmBridgeVersion = '0.1.0';

const int _invalidParams = -32602; // developer.ServiceExtensionResponse.invalidParams
const int _pluginError = -32000; // developer.ServiceExtensionResponse.extensionError
const int _unsupported = -32001;

bool _enabled = false;

/// The `task` keys each register call takes (docs/bridge-protocol.md); any other key is -32602.
const Set<String> _processingKeys = {'uniqueName', 'taskName', 'inputData', 'initialDelay', 'constraints'};
const Set<String> _oneOffKeys = {
  ..._processingKeys,
  'tag',
  'existingWorkPolicy',
  'backoffPolicy',
  'backoffPolicyDelay',
  'expedited',
  'outOfQuotaPolicy',
};
const Set<String> _periodicKeys = {
  ..._processingKeys,
  'tag',
  'frequency',
  'flexInterval',
  'existingWorkPolicy',
  'backoffPolicy',
  'backoffPolicyDelay',
};
const Set<String> _constraintKeys = {
  'networkType',
  'requiresBatteryNotLow',
  'requiresCharging',
  'requiresDeviceIdle',
  'requiresStorageNotLow',
};

/// Registers the ext.fwm.* service extensions. Call once in main() after Workmanager().initialize(...).
/// [pluginVersion] is the workmanager version the app uses, reported by hello. Does nothing in a
/// release build (which has no VM service) or when called again.
void enableFwmBridge({String? pluginVersion}) {
  if (kReleaseMode || _enabled) return;
  _enabled = true;
  final Map<String, Future<Object?> Function(Map<String, String>)> methods = {
    'hello': (_) async => <String, Object?>{
          'type': 'FwmHello',
          'protocolVersion': fwmBridgeProtocolVersion,
          'bridgeVersion': fwmBridgeVersion,
          'pluginVersion': pluginVersion,
          'platform': Platform.operatingSystem,
        },
    'registerOneOffTask': (p) async {
      final t = _task(p, _oneOffKeys);
      await Workmanager().registerOneOffTask(
        t.string('uniqueName'),
        t.string('taskName'),
        inputData: t.map('inputData'),
        initialDelay: t.seconds('initialDelay'),
        constraints: t.constraints(),
        existingWorkPolicy: t.choice('existingWorkPolicy', ExistingWorkPolicy.values),
        backoffPolicy: t.choice('backoffPolicy', BackoffPolicy.values),
        backoffPolicyDelay: t.milliseconds('backoffPolicyDelay'),
        tag: t.optionalString('tag'),
        outOfQuotaPolicy: t.choice('outOfQuotaPolicy', OutOfQuotaPolicy.values),
        expedited: t.boolean('expedited') ?? false,
      );
      return {'type': 'FwmRegistered', 'uniqueName': t.string('uniqueName')};
    },
    'registerPeriodicTask': (p) async {
      final t = _task(p, _periodicKeys);
      await Workmanager().registerPeriodicTask(
        t.string('uniqueName'),
        t.string('taskName'),
        frequency: t.seconds('frequency'),
        flexInterval: t.seconds('flexInterval'),
        inputData: t.map('inputData'),
        initialDelay: t.seconds('initialDelay'),
        constraints: t.constraints(),
        existingWorkPolicy: t.choice('existingWorkPolicy', ExistingPeriodicWorkPolicy.values),
        backoffPolicy: t.choice('backoffPolicy', BackoffPolicy.values),
        backoffPolicyDelay: t.milliseconds('backoffPolicyDelay'),
        tag: t.optionalString('tag'),
      );
      return {'type': 'FwmRegistered', 'uniqueName': t.string('uniqueName')};
    },
    'registerProcessingTask': (p) async {
      final t = _task(p, _processingKeys);
      await Workmanager().registerProcessingTask(
        t.string('uniqueName'),
        t.string('taskName'),
        initialDelay: t.seconds('initialDelay'),
        inputData: t.map('inputData'),
        constraints: t.constraints(),
      );
      return {'type': 'FwmRegistered', 'uniqueName': t.string('uniqueName')};
    },
    'cancelByUniqueName': (p) async {
      await Workmanager().cancelByUniqueName(_param(p, 'uniqueName'));
      return {'type': 'Success'};
    },
    'cancelByTag': (p) async {
      await Workmanager().cancelByTag(_param(p, 'tag'));
      return {'type': 'Success'};
    },
    'cancelAll': (_) async {
      await Workmanager().cancelAll();
      return {'type': 'Success'};
    },
    'isScheduledByUniqueName': (p) async => {
          'type': 'FwmScheduled',
          'scheduled': await Workmanager().isScheduledByUniqueName(_param(p, 'uniqueName')),
        },
    'getWorkInfo': (p) async {
      final WorkInfo? info = await Workmanager().getWorkInfo(_param(p, 'uniqueName'));
      return {
        'type': 'FwmWorkInfo',
        'workInfo': info == null
            ? null
            : {
                'uniqueName': info.uniqueName,
                'state': info.state.name,
                'isPeriodic': info.isPeriodic,
                'taskName': info.taskName,
                'tags': info.tags,
                'lastFinishedAt': info.lastFinishedAt?.toUtc().toIso8601String(),
              },
      };
    },
    'printScheduledTasks': (_) async =>
        {'type': 'FwmScheduledTasks', 'text': await Workmanager().printScheduledTasks()},
    'runNow': (p) async {
      _param(p, 'uniqueName');
      final inputData = _Task(_decode(p, 'inputData'), 'runNow').map(null);
      await Workmanager().registerOneOffTask(
        _param(p, 'runUniqueName'),
        _param(p, 'taskName'),
        inputData: inputData,
        tag: 'fwm-run-now',
        existingWorkPolicy: ExistingWorkPolicy.replace,
      );
      return {'type': 'FwmRunNow', 'uniqueName': _param(p, 'runUniqueName'), 'taskName': _param(p, 'taskName')};
    },
  };
  methods.forEach((name, handler) {
    developer.registerExtension('ext.fwm.$name', (method, parameters) async {
      try {
        return developer.ServiceExtensionResponse.result(jsonEncode(await handler(parameters)));
      } on _BadParams catch (e) {
        return developer.ServiceExtensionResponse.error(_invalidParams, e.message);
      } on UnsupportedError catch (e) {
        return developer.ServiceExtensionResponse.error(_unsupported, e.toString());
      } catch (e) {
        return developer.ServiceExtensionResponse.error(_pluginError, e.toString());
      }
    });
  });
}

class _BadParams implements Exception {
  _BadParams(this.message);
  final String message;
}

String _param(Map<String, String> params, String name) =>
    params[name] ?? (throw _BadParams("expects the '$name' parameter"));

Object? _decode(Map<String, String> params, String name) {
  try {
    return jsonDecode(_param(params, name));
  } on FormatException catch (e) {
    throw _BadParams("'$name' is not JSON: ${e.message}");
  }
}

/// The `task` parameter, refused when it holds a key outside [allowed] (the plugin itself would ignore it).
_Task _task(Map<String, String> params, Set<String> allowed) =>
    _Task(_decode(params, 'task'), 'task')..only(allowed);

/// One JSON object of the protocol, read field by field with the plugin's types.
class _Task {
  _Task(Object? json, this.what)
      : fields = json is Map<String, dynamic> ? json : (throw _BadParams("'$what' must be a JSON object"));

  final Map<String, dynamic> fields;
  final String what;

  T? _typed<T>(String key) {
    final value = fields[key];
    if (value == null || value is T) return value as T?;
    throw _BadParams("'$key' must be a $T, not ${jsonEncode(value)}");
  }

  /// Throws -32602 naming the keys of this object that are not in [allowed].
  void only(Set<String> allowed) {
    final unknown = fields.keys.where((key) => !allowed.contains(key)).toList()..sort();
    if (unknown.isNotEmpty) throw _BadParams("'$what' has unknown key(s) ${unknown.join(', ')}");
  }

  String string(String key) => _typed<String>(key) ?? (throw _BadParams("'$key' is required"));
  String? optionalString(String key) => _typed<String>(key);
  bool? boolean(String key) => _typed<bool>(key);
  Duration? seconds(String key) => _typed<int>(key) == null ? null : Duration(seconds: _typed<int>(key)!);
  Duration? milliseconds(String key) => _typed<int>(key) == null ? null : Duration(milliseconds: _typed<int>(key)!);

  /// The object itself when [key] is null, else the object under [key].
  Map<String, dynamic>? map(String? key) =>
      key == null ? fields : _typed<Map<String, dynamic>>(key);

  T? choice<T extends Enum>(String key, List<T> values) {
    final name = _typed<String>(key);
    if (name == null) return null;
    for (final value in values) {
      if (value.name == name) return value;
    }
    throw _BadParams("'$key' is '$name', not one of ${values.map((v) => v.name).join(', ')}");
  }

  Constraints constraints() {
    final c = _Task(map('constraints') ?? <String, dynamic>{}, 'constraints')..only(_constraintKeys);
    return Constraints(
      networkType: c.choice('networkType', NetworkType.values),
      requiresBatteryNotLow: c.boolean('requiresBatteryNotLow'),
      requiresCharging: c.boolean('requiresCharging'),
      requiresDeviceIdle: c.boolean('requiresDeviceIdle'),
      requiresStorageNotLow: c.boolean('requiresStorageNotLow'),
    );
  }
}
