-- Argo CD health of a failwise.io FailoverPlaybook: whether runs and policies can use it, as the
-- controller checked it when it was applied (a misspelt template, a wave past 100 %, ...).
hs = {}
local status = obj.status
if status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to check the playbook"
  return hs
end
if obj.metadata.generation ~= nil and status.observedGeneration ~= nil and status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to check generation " .. obj.metadata.generation
  return hs
end
local ready = nil
if status.conditions ~= nil then
  for _, c in ipairs(status.conditions) do
    if c.type == "Ready" then
      ready = c
    end
  end
end
if ready == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the controller to check the playbook"
elseif ready.status == "True" then
  hs.status = "Healthy"
  hs.message = ready.message or "Usable"
else
  hs.status = "Degraded"
  hs.message = (ready.reason or "InvalidSpec") .. ": " .. (ready.message or "runs and policies naming it are refused")
end
return hs
