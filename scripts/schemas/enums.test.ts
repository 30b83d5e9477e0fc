import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { definitionName, enumsOf } from './enums.ts';

/** openapi-gen's output as 1.37 writes it (model names through OpenAPIModelName) and as 1.24 did (strings). */
const GENERATED = `package openapi

import (
	corev1 "k8s.io/api/core/v1"
	v1 "k8s.io/api/storage/v1"
	common "k8s.io/kube-openapi/pkg/common"
	spec "k8s.io/kube-openapi/pkg/validation/spec"
)

func GetOpenAPIDefinitions(ref common.ReferenceCallback) map[string]common.OpenAPIDefinition {
	return map[string]common.OpenAPIDefinition{
		corev1.Container{}.OpenAPIModelName(): schema_k8sio_api_core_v1_Container(ref),
		"k8s.io/api/core/v1.PersistentVolumeClaimSpec": schema_k8sio_api_core_v1_PersistentVolumeClaimSpec(ref),
		v1.StorageClass{}.OpenAPIModelName(): schema_k8sio_api_storage_v1_StorageClass(ref),
		corev1.Plain{}.OpenAPIModelName(): schema_k8sio_api_core_v1_Plain(ref),
	}
}

func schema_k8sio_api_core_v1_Container(ref common.ReferenceCallback) common.OpenAPIDefinition {
	return common.OpenAPIDefinition{
		Schema: spec.Schema{
			SchemaProps: spec.SchemaProps{
				Type: []string{"object"},
				Properties: map[string]spec.Schema{
					"imagePullPolicy": {
						SchemaProps: spec.SchemaProps{
							Description: "Possible enum values:\\n - \`\\"Always\\"\` means …",
							Type:        []string{"string"},
							Enum:        []interface{}{"Always", "IfNotPresent", "Never"},
						},
					},
					"env": {
						SchemaProps: spec.SchemaProps{
							Type: []string{"array"},
							Items: &spec.SchemaOrArray{
								Schema: &spec.Schema{
									SchemaProps: spec.SchemaProps{Default: map[string]interface{}{}, Ref: ref(corev1.EnvVar{}.OpenAPIModelName())},
								},
							},
						},
					},
				},
			},
		},
		Dependencies: []string{corev1.EnvVar{}.OpenAPIModelName()},
	}
}

func schema_k8sio_api_core_v1_PersistentVolumeClaimSpec(ref common.ReferenceCallback) common.OpenAPIDefinition {
	return common.OpenAPIDefinition{
		Schema: spec.Schema{
			SchemaProps: spec.SchemaProps{
				Properties: map[string]spec.Schema{
					"accessModes": {
						SchemaProps: spec.SchemaProps{
							Items: &spec.SchemaOrArray{
								Schema: &spec.Schema{
									SchemaProps: spec.SchemaProps{Type: []string{"string"}, Enum: []interface{}{"ReadWriteOnce"}},
								},
							},
						},
					},
				},
			},
		},
	}
}

func schema_k8sio_api_storage_v1_StorageClass(ref common.ReferenceCallback) common.OpenAPIDefinition {
	return common.EmbedOpenAPIDefinitionIntoV2Extension(common.OpenAPIDefinition{
		Schema: spec.Schema{
			SchemaProps: spec.SchemaProps{
				Properties: map[string]spec.Schema{
					"parameters": {
						SchemaProps: spec.SchemaProps{
							AdditionalProperties: &spec.SchemaOrBool{
								Allows: true,
								Schema: &spec.Schema{SchemaProps: spec.SchemaProps{Type: []string{"string"}, Enum: []interface{}{"v3"}}},
							},
						},
					},
				},
			},
		},
	}, common.OpenAPIDefinition{
		Schema: spec.Schema{SchemaProps: spec.SchemaProps{Properties: map[string]spec.Schema{
			"parameters": {SchemaProps: spec.SchemaProps{Type: []string{"string"}, Enum: []interface{}{"v2"}}},
		}}},
	})
}

func schema_k8sio_api_core_v1_Plain(ref common.ReferenceCallback) common.OpenAPIDefinition {
	return common.OpenAPIDefinition{Schema: spec.Schema{SchemaProps: spec.SchemaProps{Type: []string{"object"}}}}
}
`;

describe('enums from generated OpenAPI code', () => {
  it('names definitions as kube-openapi does', () => {
    assert.equal(definitionName('k8s.io/api/core/v1', 'Container'), 'io.k8s.api.core.v1.Container');
    assert.equal(
      definitionName('k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1', 'JSON'),
      'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
    );
  });

  it('finds every enum with its path, under properties, items and additionalProperties', () => {
    const enums = enumsOf(GENERATED);
    assert.deepEqual(Object.fromEntries(enums), {
      'io.k8s.api.core.v1.Container': [
        { path: ['properties', 'imagePullPolicy'], values: ['Always', 'IfNotPresent', 'Never'] },
      ],
      'io.k8s.api.core.v1.PersistentVolumeClaimSpec': [
        { path: ['properties', 'accessModes', 'items'], values: ['ReadWriteOnce'] },
      ],
      // The v3 definition of EmbedOpenAPIDefinitionIntoV2Extension(v3, v2), not the v2 one.
      'io.k8s.api.storage.v1.StorageClass': [
        { path: ['properties', 'parameters', 'additionalProperties'], values: ['v3'] },
      ],
    });
  });

  it('fails loudly on a function with enums that no definition name maps to', () => {
    const orphan = GENERATED.replace(
      'corev1.Container{}.OpenAPIModelName(): schema_k8sio_api_core_v1_Container(ref),',
      '',
    );
    assert.throws(
      () => enumsOf(orphan),
      /schema_k8sio_api_core_v1_Container has enums but is not in GetOpenAPIDefinitions/,
    );
  });
});
